"""Service wrapper around the `pattern` library: derive measurements, store jobs, render."""
