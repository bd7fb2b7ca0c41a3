"""The main menu: which links a user sees, and how they are arranged.

Everyone sees the public links. Each role adds its own area (volunteering, an organisation,
the monitoring of a region or the country, the administration). A user with one area sees its
links in the menu bar; a user with several (an administrator, a coordinator who volunteers)
sees each area as a small menu that opens, so the bar keeps to one line in every language.
The views enforce the same rules themselves; this only decides what to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from asar.accounts import roles
from asar.organizations.permissions import is_any_coordinator

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class Link:
    label: str
    url: str
    current: bool = False


@dataclass
class Area:
    key: str
    label: str
    links: list[Link] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


@dataclass
class Menu:
    """``start`` and ``end``: links always in the bar; ``areas``: the roles' links, in the bar
    when there is one area (``grouped`` False), as menus when there are several."""

    start: list[Link]
    areas: list[Area]
    end: list[Link]

    @property
    def grouped(self) -> bool:
        return len(self.areas) > 1

    @property
    def links(self) -> list[Link]:
        return [*self.start, *(link for area in self.areas for link in area.links), *self.end]


def _link(label: StrOrPromise, name: str) -> Link:
    return Link(str(label), reverse(name))


def roles_of(request: HttpRequest) -> dict[str, bool]:
    user = request.user
    return {
        "is_volunteer": user.is_authenticated and hasattr(user, "volunteer_profile"),
        "is_coordinator": is_any_coordinator(user),
        "is_operator": roles.is_any_operator(user),
        "is_analyst": roles.is_analyst(user),
        "is_admin": roles.is_admin(user),
    }


def build(
    request: HttpRequest,
    *,
    is_volunteer: bool,
    is_coordinator: bool,
    is_operator: bool,
    is_analyst: bool,
    is_admin: bool,
) -> Menu:
    areas: list[Area] = []
    if is_volunteer:
        areas.append(
            Area(
                "volunteer",
                str(_("My volunteering")),
                [
                    _link(_("My applications"), "opportunities:my_applications"),
                    _link(_("Good-deeds diary"), "hours:diary"),
                    _link(_("My contribution"), "reporting:my_value"),
                    _link(_("My profile"), "volunteers:profile"),
                ],
            )
        )
    if is_coordinator:
        areas.append(
            Area(
                "organization",
                str(_("Coordination")),
                [
                    _link(_("My organisation"), "organizations:dashboard"),
                    _link(_("Hours to confirm"), "hours:queue"),
                    _link(_("Our contribution"), "reporting:organization_value_index"),
                ],
            )
        )
    if is_operator or is_analyst:
        office = Area("monitoring", str(_("Monitoring")))
        if is_operator:
            office.links.append(_link(_("Verification"), "organizations:verification_queue"))
        office.links.append(_link(_("Monthly reports"), "monitoring:home"))
        office.links.append(_link(_("National report"), "reporting:editions"))
        areas.append(office)
    menu = Menu(
        start=[
            _link(_("Find a position"), "opportunities:search"),
            _link(_("Organisations"), "organizations:list"),
        ],
        areas=areas,
        end=[_link(_("In numbers"), "reporting:dashboard")],
    )
    if is_admin:
        menu.end.append(_link(_("Administration"), "admin:index"))
    _mark_current(menu.links, request.path)
    return menu


def _mark_current(links: list[Link], path: str) -> None:
    """The link of the page: the one whose address is the longest beginning of the path."""
    matching = [link for link in links if path.startswith(link.url)]
    if matching:
        max(matching, key=lambda link: len(link.url)).current = True
