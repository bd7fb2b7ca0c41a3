"""The main menu: who sees which links, flat or in role menus, and which one is the page's."""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory
from django.utils.translation import override

from asar.core import navigation
from tests import factories as f

pytestmark = pytest.mark.django_db


def menu_for(user, path: str = "/en/"):  # type: ignore[no-untyped-def]
    request = RequestFactory().get(path)
    request.user = user
    with override("en"):
        return navigation.build(request, **navigation.roles_of(request))


def labels(menu) -> list[str]:  # type: ignore[no-untyped-def]
    return [link.label for link in menu.links]


PUBLIC = ["Find a position", "Organisations"]
VOLUNTEER = ["My applications", "Good-deeds diary", "My contribution", "My profile"]
COORDINATOR = ["My organisation", "Hours to confirm", "Our contribution"]


def test_each_role_sees_its_own_links(actors) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert labels(menu_for(AnonymousUser())) == [*PUBLIC, "In numbers"]
    assert labels(menu_for(actors.volunteer)) == [*PUBLIC, *VOLUNTEER, "In numbers"]
    assert labels(menu_for(actors.coordinator)) == [*PUBLIC, *COORDINATOR, "In numbers"]
    operator = ["Verification", "Monthly reports", "National report"]
    assert labels(menu_for(actors.operator)) == [*PUBLIC, *operator, "In numbers"]
    analyst = ["Monthly reports", "National report"]
    assert labels(menu_for(actors.analyst)) == [*PUBLIC, *analyst, "In numbers"]
    assert labels(menu_for(actors.helpline)) == [*PUBLIC, "In numbers"]
    admin = menu_for(actors.admin)
    assert labels(admin) == [*PUBLIC, *COORDINATOR, *operator, "In numbers", "Administration"]


def test_one_role_is_flat_several_are_menus(actors) -> None:
    for user in (actors.volunteer, actors.coordinator, actors.operator, actors.analyst):
        assert not menu_for(user).grouped
    admin = menu_for(actors.admin)
    assert admin.grouped and [a.label for a in admin.areas] == ["Coordination", "Monitoring"]
    f.MembershipFactory(organization=f.OrganizationFactory(), user=actors.volunteer)
    both = menu_for(type(actors.volunteer).objects.get(pk=actors.volunteer.pk))  # roles anew
    assert both.grouped and [a.key for a in both.areas] == ["volunteer", "organization"]


def test_the_page_link_is_the_longest_match(actors) -> None:
    menu = menu_for(actors.admin, "/en/organizations/dashboard/")
    assert [link.label for link in menu.links if link.current] == ["My organisation"]
    assert [area.key for area in menu.areas if area.current] == ["organization"]
    menu = menu_for(actors.admin, "/en/organizations/")
    assert [link.label for link in menu.links if link.current] == ["Organisations"]
    assert not any(link.current for link in menu_for(actors.admin, "/en/").links)


def test_menu_markup_is_accessible(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    html = client_for(actors.admin).get("/ru/monitoring/matrix/").content.decode()
    assert '<nav class="main-nav" aria-label="Главное меню">' in html
    assert 'class="menu-toggle" aria-expanded="false" aria-controls="site-menu"' in html
    assert 'id="site-menu"' in html and 'href="#main"' in html and 'id="main"' in html
    for target in re.findall(
        r'class="nav-group-toggle" aria-expanded="false" aria-controls="([^"]+)"', html
    ):
        assert f'id="{target}"' in html
    assert html.count('aria-current="page"') == 1
    assert 'lang="kk" title="Қазақ' in html  # the language buttons say which language
    # A volunteer sees flat links, no role menus.
    flat = client_for(actors.volunteer).get("/kk/hours/").content.decode()
    assert "nav-group-toggle" not in flat and flat.count('aria-current="page"') == 1
