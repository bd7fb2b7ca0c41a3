"""Loading of the reference CSVs; used by the data migration and by tests."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(
    region_model: Any, direction_model: Any, programme_model: Any, population_model: Any
) -> None:
    """Idempotent: updates existing rows by their natural key."""
    for row in _rows("kz-regions.csv"):
        region_model.objects.update_or_create(
            iso_code=row["iso_code"],
            defaults={
                "former_iso_code": row["former_iso_code"],
                "name_kk": row["name_kk"],
                "name_ru": row["name_ru"],
                "name_en": row["name_en"],
                "kind": row["kind"],
            },
        )
    for row in _rows("directions.csv"):
        direction_model.objects.update_or_create(
            code=row["code"],
            defaults={k: row[k] for k in ("name_kk", "name_ru", "name_en")}
            | {"number": int(row["number"])},
        )
    directions = {d.code: d for d in direction_model.objects.all()}
    for row in _rows("programmes.csv"):
        programme, _ = programme_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "description_kk": row["description_kk"],
                "description_ru": row["description_ru"],
                "description_en": row["description_en"],
            },
        )
        programme.directions.set([directions[c] for c in row["directions"].split(";")])
    regions = {r.iso_code: r for r in region_model.objects.all()}
    for row in _rows("kz-population.csv"):
        if row["region_iso"] not in regions:  # the national total is not a region
            continue
        population_model.objects.update_or_create(
            region=regions[row["region_iso"]],
            date=dt.date.fromisoformat(row["date"]),
            defaults={"population": int(row["population"]), "source": row["source"]},
        )
