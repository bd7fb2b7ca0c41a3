from __future__ import annotations

from django.db import models


class DemoDataRun(models.Model):
    """Marks that the demo data was loaded, so ``make run`` can load it exactly once."""

    seed = models.IntegerField()
    scale = models.FloatField()
    loaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"demo seed={self.seed} scale={self.scale} at {self.loaded_at:%Y-%m-%d %H:%M}"
