from __future__ import annotations

from django.urls import path

from asar.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("new/", views.organization_create, name="create"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("verification/", views.verification_queue, name="verification_queue"),
    path("<int:org_id>/", views.organization_detail, name="detail"),
    path("<int:org_id>/edit/", views.organization_edit, name="edit"),
    path("<int:org_id>/coordinators/", views.coordinators, name="coordinators"),
    path(
        "<int:org_id>/coordinators/<int:membership_id>/remove/",
        views.coordinator_remove,
        name="coordinator_remove",
    ),
    path("<int:org_id>/value-public/", views.value_public, name="value_public"),
    path("<int:org_id>/verify/", views.verify, name="verify"),
]
