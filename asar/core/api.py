"""JSON API of the core domain (mounted under /api/v1/ by asar.api)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["core"])
