"""Asar's national-scale benchmark harness (``make bench`` / ``make bench-full``)."""
