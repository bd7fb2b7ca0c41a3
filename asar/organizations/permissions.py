"""Object-level rules for organisations, reused by every domain that owns org-scoped data."""

from __future__ import annotations

from django.db.models import QuerySet

from asar.accounts import roles
from asar.organizations.models import Membership, Organization


def coordinated_organization_ids(user: roles.AnyUser) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached: set[int] | None = getattr(user, "_asar_org_ids", None)
    if cached is None:
        cached = set(Membership.objects.filter(user=user).values_list("organization_id", flat=True))
        user._asar_org_ids = cached
    return cached


def is_coordinator(user: roles.AnyUser, organization_id: int) -> bool:
    return roles.is_admin(user) or organization_id in coordinated_organization_ids(user)


def is_any_coordinator(user: roles.AnyUser) -> bool:
    return roles.is_admin(user) or bool(coordinated_organization_ids(user))


def can_verify(user: roles.AnyUser, organization: Organization) -> bool:
    """Front-office operators verify organisations registered in their own region."""
    return roles.is_operator_of(user, organization.home_region_id)


def organizations_coordinated_by(user: roles.AnyUser) -> QuerySet[Organization]:
    if roles.is_admin(user):
        return Organization.objects.all()
    return Organization.objects.filter(id__in=coordinated_organization_ids(user))


def is_owner(user: roles.AnyUser, organization_id: int) -> bool:
    """Owners (and administrators) manage the list of an organisation's coordinators."""
    if roles.is_admin(user):
        return True
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, organization_id=organization_id, role=Membership.Role.OWNER
    ).exists()


def can_see(user: roles.AnyUser, organization: Organization) -> bool:
    """Anyone sees verified and pending organisations; a refused one only its people and
    the officials who deal with it."""
    if organization.verification != Organization.Verification.REJECTED:
        return True
    return (
        is_coordinator(user, organization.id)
        or can_verify(user, organization)
        or roles.is_analyst(user)
        or roles.is_helpline_operator(user)
    )
