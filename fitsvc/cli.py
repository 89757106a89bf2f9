"""The `fitsvc` command line: serve, measure, and the commands each package adds."""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Sequence
from typing import Any

from fitsvc.plugins import import_optional

# Modules exposing add_commands(subparsers); missing ones are skipped.
COMMAND_MODULES = (
    "fitsvc.measure.cli",
    "fitsvc.measure.train",
    "fitsvc.measure.train_photo",
    "fitsvc.measure.train_prior",
    "fitsvc.synth.cli",
    "fitsvc.synth.avatar_init",
    "fitsvc.fit.cli",
    "fitsvc.patterns.cli",
    "fitsvc.markers.cli",
    "fitsvc.auth.cli",
    "fitsvc.migrate",
)


def _warm_up(app: Any) -> None:
    """Load MediaPipe and the measurement model in the background, so that neither the
    server start nor the first customer pays for it."""
    import numpy as np

    from fitsvc import app_services
    from fitsvc.measure.estimator import load_default

    app_services(app).detector().detect(np.zeros((256, 256, 3), np.uint8))
    load_default()


def _first_admin_key(app: Any) -> None:
    """On a database without keys, make one admin key for local use and print it once."""
    from fitsvc import app_services
    from fitsvc.auth.keys import any_key, create_key

    engine = app_services(app).engine
    if any_key(engine):
        return
    _, key = create_key(engine, "default", "admin", "first key, made by `fitsvc serve`")
    print("No API key existed: created an admin key for tenant 'default' (shown only now).\n"
          "Send it as `Authorization: Bearer <key>`; make more with `fitsvc keys create`.\n"
          f"admin key: {key}", flush=True)


def _serve(args: argparse.Namespace) -> int:
    from waitress import serve

    from fitsvc import app_services, create_app

    app = create_app()
    _first_admin_key(app)
    app_services(app).start_retention()
    threading.Thread(target=_warm_up, args=(app,), daemon=True, name="warm-up").start()
    print(f"fitsvc serving on http://{args.host}:{args.port} (Ctrl+C to stop)", flush=True)
    serve(app, host=args.host, port=args.port, threads=args.threads)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fitsvc", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = sub.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--threads", type=int, default=4)
    serve.set_defaults(func=_serve)
    for name in COMMAND_MODULES:
        module = import_optional(name)
        add = getattr(module, "add_commands", None)
        if add is not None:
            add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
