"""Reference data: regions, directions, priority programmes (public, read-only)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from asar.accounts.auth import PUBLIC
from asar.geo.models import Direction, Programme, Region

router = Router(tags=["reference"])


class RegionOut(Schema):
    id: int
    iso_code: str
    former_iso_code: str
    kind: str
    name_kk: str
    name_ru: str
    name_en: str


class DirectionOut(Schema):
    id: int
    number: int
    code: str
    name_kk: str
    name_ru: str
    name_en: str


class ProgrammeOut(Schema):
    id: int
    code: str
    name: str
    directions: list[str]

    @staticmethod
    def resolve_directions(obj: Programme) -> list[str]:
        return [d.code for d in obj.directions.all()]


@router.get("/regions", response=list[RegionOut], auth=PUBLIC)
def list_regions(request: HttpRequest) -> list[Region]:
    return list(Region.objects.order_by("iso_code"))


@router.get("/directions", response=list[DirectionOut], auth=PUBLIC)
def list_directions(request: HttpRequest) -> list[Direction]:
    return list(Direction.objects.all())


@router.get("/programmes", response=list[ProgrammeOut], auth=PUBLIC)
def list_programmes(request: HttpRequest) -> list[Programme]:
    return list(Programme.objects.prefetch_related("directions"))
