"""Offline verification of an Asar volunteer certificate — standalone: needs only Python 3 and
the ``cryptography`` package, not Asar itself (download it from the verification page).

    python -m asar.passport.verify certificate.json public-key.txt
    python verify.py certificate.json public-key.txt

``certificate.json`` is the signed document downloaded with the certificate; the public key is
the platform's Ed25519 key (base64 of the raw 32 bytes, as published on every verification
page and at /api/v1/passport/public-key). The signature covers the canonical JSON of the
"certificate" object: keys sorted, no whitespace, UTF-8. Exit code 0 = valid, 1 = not valid.
Revocation is only known online: also open the certificate's verification page.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def canonical_json(content: Any) -> bytes:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def verify_document(document: dict[str, Any], public_key_b64: str) -> tuple[bool, str]:
    """(valid, reason) for a signed certificate document and a base64 raw public key."""
    if (
        not isinstance(document, dict)
        or "certificate" not in document
        or "signature" not in document
    ):
        return False, "not an Asar certificate document (no 'certificate' or 'signature')"
    if document.get("algorithm", "Ed25519") != "Ed25519":
        return False, f"unsupported algorithm {document.get('algorithm')!r}"
    try:
        key = Ed25519PublicKey.from_public_bytes(
            base64.b64decode(public_key_b64.strip(), validate=True)
        )
        signature = base64.b64decode(str(document["signature"]), validate=True)
    except ValueError:
        return False, "the public key or the signature is not valid base64 of the right length"
    try:
        key.verify(signature, canonical_json(document["certificate"]))
    except (UnicodeEncodeError, TypeError, ValueError):
        return False, "the certificate is not valid JSON text (UTF-8)"
    except InvalidSignature:
        return (
            False,
            "the signature does not match: the certificate was altered or not issued by Asar",
        )
    return True, "the signature is valid"


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        raw_document = Path(argv[1]).read_bytes()
        public_key = Path(argv[2]).read_text(encoding="utf-8")
    except OSError as exc:
        print(f"cannot read {exc.filename or argv[2]}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"cannot read {argv[2]}: the public key is not UTF-8 text", file=sys.stderr)
        return 2
    try:
        document = json.loads(raw_document.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        print("NOT VALID: the file is damaged or was altered (it is not readable JSON text)")
        return 1
    valid, reason = verify_document(document, public_key)
    certificate = document.get("certificate", {}) if isinstance(document, dict) else {}
    holder = (
        certificate.get("holder", {}).get("name", "?") if isinstance(certificate, dict) else "?"
    )
    print(
        ("VALID: " if valid else "NOT VALID: ") + reason + (f" (holder: {holder})" if valid else "")
    )
    return 0 if valid else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
