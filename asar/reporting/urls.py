from __future__ import annotations

from django.urls import path

from asar.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("method/", views.method, name="method"),
    path("editions/", views.editions, name="editions"),
    path("editions/<int:report_id>/", views.edition_detail, name="edition"),
    path("editions/<int:report_id>/status/", views.edition_status, name="edition_status"),
    path("editions/<int:report_id>/download/", views.edition_download, name="edition_download"),
    path("editions/<int:report_id>/data.json", views.edition_data, name="edition_data"),
    path("value/", views.value, name="value"),
    path("value/lines.csv", views.value_csv, name="value_csv"),
    path("value/survey/", views.survey_estimate, name="survey_estimate"),
    path(
        "value/organisations/<int:organization_id>/",
        views.organization_value,
        name="organization_value",
    ),
    path("value/organisations/", views.organization_value_index, name="organization_value_index"),
    path("value/mine/", views.my_value, name="my_value"),
]
