"""Revisions, oldest first: r0001 is the schema of the last release before migrations."""
