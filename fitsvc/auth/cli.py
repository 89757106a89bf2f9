"""`fitsvc keys create|list|revoke` and `fitsvc purge`: run on the server's machine."""

from __future__ import annotations

import argparse
import json
from typing import Any

from fitsvc.auth.principal import ROLES


def add_commands(sub: Any) -> None:
    keys = sub.add_parser("keys", help="create, list or revoke API keys")
    ksub = keys.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    create = ksub.add_parser("create", help="create a key; it is printed once, as the last word")
    create.add_argument("--tenant", required=True, help="the shop (or tailor) the key acts for")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--label", default="", help="a note on who holds the key")
    create.set_defaults(func=_create)
    listing = ksub.add_parser("list", help="list keys (never their secrets)")
    listing.add_argument("--tenant", default=None)
    listing.set_defaults(func=_list)
    revoke = ksub.add_parser("revoke", help="revoke a key and the customer tokens it issued")
    revoke.add_argument("key_id")
    revoke.set_defaults(func=_revoke)
    purge = sub.add_parser("purge", help="erase customers inactive for --days (retention)")
    purge.add_argument("--days", type=float, default=None,
                       help="default: RETENTION_DAYS of the configuration")
    purge.add_argument("--audit-days", type=float, default=None,
                       help="audit entries older than this go too (0: keep); "
                            "default: AUDIT_RETENTION_DAYS")
    purge.set_defaults(func=_purge)


def _engine() -> Any:
    from fitsvc import config
    from fitsvc.db import make_engine
    from fitsvc.migrate import upgrade

    engine = make_engine(config.build()["DATABASE_URL"])
    upgrade(engine)
    return engine


def _create(args: argparse.Namespace) -> int:
    from fitsvc.auth.keys import create_key

    view, key = create_key(_engine(), args.tenant, args.role, args.label)
    print(f"created {view['role']} key {view['id']} for tenant {view['tenant']}.")
    print("It is shown only now; store it in your secret manager:")
    print(f"key: {key}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from fitsvc.auth.keys import list_keys

    print(json.dumps(list_keys(_engine(), args.tenant), indent=2))
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from fitsvc.auth.keys import revoke_key
    from fitsvc.errors import ServiceError

    try:
        print(json.dumps(revoke_key(_engine(), args.key_id)))
    except ServiceError as exc:
        print(f"error: {exc.message}")
        return 2
    return 0


def _purge(args: argparse.Namespace) -> int:
    from fitsvc import config
    from fitsvc.retention import purge

    cfg = config.build()
    days = args.days if args.days is not None else float(cfg["RETENTION_DAYS"])
    audit_days = (args.audit_days if args.audit_days is not None
                  else float(cfg["AUDIT_RETENTION_DAYS"]))
    print(json.dumps(purge(_engine(), days, audit_days=audit_days)))
    return 0
