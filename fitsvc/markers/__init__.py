"""Markers: nest pattern pieces on the fabric (service, CLI and job task)."""
