"""Reads of the organizations domain, scoped by the acting user where data is not public."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from asar.accounts import roles
from asar.organizations import permissions
from asar.organizations.models import Membership, Organization


@dataclass(frozen=True)
class OrganizationFilters:
    region: str | None = None  # ISO 3166-2 code of a region of work
    direction: str | None = None  # direction code
    kind: str | None = None
    verified: bool | None = None
    q: str | None = None


def organizations_public(
    *, user: roles.AnyUser, filters: OrganizationFilters | None = None
) -> QuerySet[Organization]:
    """The public registry: verified and pending organisations (refused ones are hidden)."""
    f = filters or OrganizationFilters()
    qs = Organization.objects.exclude(verification=Organization.Verification.REJECTED)
    if f.region:
        qs = qs.filter(Q(regions__iso_code=f.region) | Q(home_region__iso_code=f.region))
    if f.direction:
        qs = qs.filter(directions__code=f.direction)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.verified is True:
        qs = qs.filter(verification=Organization.Verification.VERIFIED)
    elif f.verified is False:
        qs = qs.filter(verification=Organization.Verification.UNVERIFIED)
    if f.q:
        term = f.q.strip()
        qs = qs.filter(
            Q(name_kk__icontains=term)
            | Q(name_ru__icontains=term)
            | Q(name_en__icontains=term)
            | Q(city__icontains=term)
        )
    return (
        qs.distinct()
        .select_related("home_region")
        .prefetch_related("directions", "regions")
        .order_by("-verification", "name_ru", "name_kk", "name_en", "id")
    )


def organization_visible(*, user: roles.AnyUser, org_id: int) -> Organization | None:
    org = (
        Organization.objects.select_related("home_region", "verified_by")
        .prefetch_related("directions", "regions")
        .filter(pk=org_id)
        .first()
    )
    if org is None or not permissions.can_see(user, org):
        return None
    return org


def organizations_of_coordinator(*, user: roles.AnyUser) -> QuerySet[Organization]:
    """The dashboard's list: organisations the user coordinates (administrators: none listed
    here, they use the admin)."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return (
        Organization.objects.filter(memberships__user=user)
        .select_related("home_region")
        .annotate(coordinator_count=Count("memberships", distinct=True))
        .order_by("name_ru", "name_kk", "name_en", "id")
    )


def memberships_of(*, user: roles.AnyUser, organization: Organization) -> QuerySet[Membership]:
    """Coordinators of an organisation, for its own coordinators only."""
    if not permissions.is_coordinator(user, organization.id):
        return Membership.objects.none()
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("-role", "user__email")
    )


def verification_queue(*, user: roles.AnyUser, pending_only: bool = True) -> QuerySet[Organization]:
    """Organisations registered in the operator's region(s); administrators see every region."""
    if roles.is_admin(user):
        qs = Organization.objects.all()
    else:
        region_ids = roles.operator_region_ids(user)
        if not region_ids:
            return Organization.objects.none()
        qs = Organization.objects.filter(home_region_id__in=region_ids)
    if pending_only:
        qs = qs.filter(verification=Organization.Verification.UNVERIFIED).order_by("created_at")
    else:
        qs = qs.exclude(verification=Organization.Verification.UNVERIFIED).order_by("-verified_at")
    return qs.select_related("home_region", "verified_by").prefetch_related("directions")
