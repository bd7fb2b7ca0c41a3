"""Fill translations into an app's catalogues from a JSON file.

    python scripts/po_fill.py asar/core translations.json

JSON: {"English msgid": {"kk": "…", "ru": "…"}, …}. Existing translations are overwritten only
with --force. Prints the msgids still untranslated, per language, so nothing is forgotten.
Uses Babel's PO reader/writer (Babel is already a dependency for number formats).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("app_dir", type=Path)
    parser.add_argument("translations", type=Path, nargs="?")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    table: dict[str, dict[str, str]] = (
        json.loads(args.translations.read_text(encoding="utf-8")) if args.translations else {}
    )
    missing_total = 0
    for lang in ("kk", "ru"):
        path = args.app_dir / "locale" / lang / "LC_MESSAGES" / "django.po"
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for message in catalog:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            translated = table.get(key, {}).get(lang)
            empty = not message.string or (
                isinstance(message.string, tuple) and not all(message.string)
            )
            if translated and (args.force or empty or message.fuzzy):
                if isinstance(message.id, tuple):
                    forms = translated if isinstance(translated, list) else [translated] * 3
                    message.string = tuple(forms[: catalog.num_plurals])
                else:
                    message.string = translated
                message.flags.discard("fuzzy")
        # A fuzzy entry (makemessages' guess from a similar msgid) is not compiled and is
        # often wrong: it counts as untranslated.
        missing = [
            m.id
            for m in catalog
            if m.id
            and (not m.string or (isinstance(m.string, tuple) and not all(m.string)) or m.fuzzy)
        ]
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100)
        for msgid in missing:
            print(f"{lang}: untranslated: {msgid!r}")
        missing_total += len(missing)
    return 1 if missing_total else 0


if __name__ == "__main__":
    sys.exit(main())
