"""The platform's Ed25519 certificate key (settings.ASAR_SIGNING_KEY)."""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from asar.passport.verify import canonical_json, verify_document

__all__ = [
    "canonical_json",
    "key_id",
    "public_key_b64",
    "public_key_pem",
    "sign",
    "verify_document",
]


@cache
def _private_key(seed_b64: str) -> Ed25519PrivateKey:
    try:
        seed = base64.b64decode(seed_b64, validate=True)
    except ValueError as exc:
        raise ImproperlyConfigured("ASAR_SIGNING_KEY is not valid base64") from exc
    if len(seed) != 32:
        raise ImproperlyConfigured("ASAR_SIGNING_KEY must be base64 of exactly 32 bytes")
    return Ed25519PrivateKey.from_private_bytes(seed)


def private_key() -> Ed25519PrivateKey:
    return _private_key(settings.ASAR_SIGNING_KEY)


def _public_raw() -> bytes:
    return (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def public_key_b64() -> str:
    return base64.b64encode(_public_raw()).decode()


def public_key_pem() -> str:
    return (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def key_id() -> str:
    """Short fingerprint printed on certificates (which key signed them, after a rotation)."""
    return hashlib.sha256(_public_raw()).hexdigest()[:16]


def sign(content: dict[str, Any]) -> str:
    return base64.b64encode(private_key().sign(canonical_json(content))).decode()
