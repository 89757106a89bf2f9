"""The `fitsvc` command line: serve, measure, and the commands each package adds."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from fitsvc.plugins import import_optional

# Modules exposing add_commands(subparsers); missing ones are skipped.
COMMAND_MODULES = (
    "fitsvc.measure.cli",
    "fitsvc.measure.train",
    "fitsvc.synth.cli",
    "fitsvc.fit.cli",
    "fitsvc.patterns.cli",
    "fitsvc.markers.cli",
)


def _serve(args: argparse.Namespace) -> int:
    from waitress import serve

    from fitsvc import create_app

    app = create_app()
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
