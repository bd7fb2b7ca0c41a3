"""Certificate PDF (WeasyPrint), always rendered from the signed content."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from asar.hours.qr import qr_svg
from asar.passport import signing
from asar.passport.models import Certificate


def certificate_pdf(certificate: Certificate) -> bytes:
    from weasyprint import HTML  # heavy import, only when a PDF is made

    content = certificate.content
    with translation.override(certificate.language):
        html = render_to_string(
            "passport/certificate_pdf.html",
            {
                "certificate": certificate,
                "c": content,
                "qr": qr_svg(content["verify_url"], box_size=4),
                "signature": certificate.signature,
                "key_id": certificate.key_id,
                "public_key": signing.public_key_b64(),
                "LANG": certificate.language,
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
