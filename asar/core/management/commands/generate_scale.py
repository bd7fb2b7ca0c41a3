from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from asar.core.scale import ScaleError, Volumes, generate


class Command(BaseCommand):
    help = (
        "Generate a synthetic country for benchmarks (volunteers, organisations, positions, "
        "applications, hour entries), deterministic by --seed. Meant for a dedicated database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--volunteers", type=int, default=250_000)
        parser.add_argument("--organizations", type=int, default=2_500)
        parser.add_argument("--positions", type=int, default=100_000)
        parser.add_argument("--hour-entries", type=int, default=10_000_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--year", type=int, default=0, help="Year of the hour entries (default: last year)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even if the database already holds data that is not demo data.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bars.")

    def handle(self, *args: Any, **options: Any) -> None:
        volumes = Volumes(
            volunteers=options["volunteers"],
            organizations=options["organizations"],
            positions=options["positions"],
            hour_entries=options["hour_entries"],
            seed=options["seed"],
            year=options["year"],
        )
        progress = None if options["no_progress"] else _bar
        started = time.perf_counter()
        try:
            counts = generate(volumes, force=options["force"], progress=progress)
        except ScaleError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - started
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(f"Generated in {elapsed:.1f} s.")


def _bar(**kwargs: Any) -> tqdm:
    return tqdm(mininterval=1.0, **kwargs)
