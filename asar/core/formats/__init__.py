"""Locale formats Django does not ship (FORMAT_MODULE_PATH): ``<language>/formats.py``."""
