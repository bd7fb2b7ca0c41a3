from __future__ import annotations

from django.urls import path

from asar.opportunities import views

app_name = "opportunities"
urlpatterns = [
    path("", views.search, name="search"),
    path("<int:position_id>/", views.position_detail, name="position"),
    path("<int:position_id>/apply/", views.apply, name="apply"),
    path("<int:position_id>/edit/", views.position_edit, name="position_edit"),
    path("<int:position_id>/status/", views.position_status, name="position_status"),
    path("my-applications/", views.my_applications, name="my_applications"),
    path(
        "applications/<int:application_id>/action/", views.volunteer_action, name="volunteer_action"
    ),
    path("applications/<int:application_id>/agreement/", views.agreement, name="agreement"),
    path(
        "applications/<int:application_id>/decide/",
        views.coordinator_action,
        name="coordinator_action",
    ),
    path("manage/<int:org_id>/", views.manage, name="manage"),
    path("manage/<int:org_id>/projects/new/", views.project_create, name="project_create"),
    path("projects/<int:project_id>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:project_id>/positions/new/", views.position_create, name="position_create"),
]
