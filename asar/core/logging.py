"""A logging filter that redacts personal data before any handler sees a record.

IINs/BINs (12 digits), phone numbers and e-mail addresses are replaced, in the message and in
its arguments, so a careless ``logger.info("%s", form.data)`` cannot leak them.
"""

from __future__ import annotations

import logging
import re

_PATTERNS = (
    (re.compile(r"(?<!\d)\d{12}(?!\d)"), "[IIN]"),
    (re.compile(r"(?:\+7|8)[\s\-(]*7\d{2}[\s\-)]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}"), "[PHONE]"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[EMAIL]"),
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        return True
