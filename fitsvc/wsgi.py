"""WSGI entry point for several serving processes: ``gunicorn fitsvc.wsgi:app`` (config from
the environment). Run ``python -m fitsvc.wsgi`` once before starting them: it migrates the
database, makes the secret key file and a first admin key, so the workers do not race for it."""

from __future__ import annotations

from fitsvc.app import create_app

app = create_app()

if __name__ == "__main__":
    from fitsvc.cli import _first_admin_key

    _first_admin_key(app)
    print("fitsvc: database, secret key and admin key ready", flush=True)
