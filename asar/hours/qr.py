"""QR codes as inline SVG (no image files, no Pillow), for check-in and certificates."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg


def qr_svg(data: str, *, box_size: int = 10) -> str:
    image = qrcode.make(
        data, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size, border=2
    )
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    # Drop the XML declaration so the SVG can be inlined in HTML.
    return svg[svg.index("<svg") :]
