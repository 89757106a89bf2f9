"""Alembic migrations of the fitsvc schema (run by fitsvc.migrate)."""
