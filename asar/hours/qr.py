"""QR codes as inline SVG (no image files, no Pillow), for check-in and certificates."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from django.urls import reverse
from django.utils.translation import get_language


def qr_svg(data: str, *, box_size: int = 10) -> str:
    image = qrcode.make(
        data, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size, border=2
    )
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    # Drop the XML declaration so the SVG can be inlined in HTML.
    return svg[svg.index("<svg") :]


def check_in_path(token: str) -> str:
    """The path the QR code of a shift carries. Volunteers of every language scan it, so it has
    no language prefix: the site opens it in each one's own language."""
    path = reverse("hours:check_in_token", args=[token])
    prefix = f"/{get_language()}/"
    return "/" + path[len(prefix) :] if path.startswith(prefix) else path
