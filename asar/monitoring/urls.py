from __future__ import annotations

from django.urls import path

from asar.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.home, name="home"),
    path("my/", views.my_reports, name="my_reports"),
    path("matrix/", views.matrix, name="matrix"),
    path("findings/", views.findings, name="findings"),
    path("findings/<int:finding_id>/respond/", views.finding_respond, name="finding_respond"),
    path("regions/<str:iso_code>/", views.region_trend, name="region_trend"),
    path("reports/start/", views.report_start, name="report_start"),
    path("reports/<int:report_id>/", views.report_detail, name="report_detail"),
    path("reports/<int:report_id>/compare/", views.report_compare, name="report_compare"),
    path("reports/<int:report_id>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:report_id>/template.xlsx", views.report_template, name="report_template"),
    path("reports/<int:report_id>/upload/", views.report_upload, name="report_upload"),
    path("reports/<int:report_id>/review/", views.report_review, name="report_review"),
]
