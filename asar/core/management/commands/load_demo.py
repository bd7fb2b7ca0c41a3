from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from asar.core.demo_runner import demo_load


class Command(BaseCommand):
    help = "Load the demo country (organisations, volunteers, positions, hours, reports) once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2023)
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Multiply the generated volumes (0.1–10)."
        )

    def handle(self, *args: Any, seed: int, scale: float, **options: Any) -> None:
        if not 0.01 <= scale <= 10:
            self.stderr.write("--scale must be between 0.01 and 10")
            raise SystemExit(2)
        loaded = demo_load(seed=seed, scale=scale, echo=self.stdout.write)
        self.stdout.write(
            "Demo data loaded." if loaded else "Demo data already present; nothing to do."
        )
