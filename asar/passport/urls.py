from __future__ import annotations

from django.urls import path

from asar.passport import views

app_name = "passport"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("shared/<str:key>/", views.shared, name="shared"),
    path("public/", views.set_public, name="set_public"),
    path("certificates/new/", views.certificate_new, name="certificate_new"),
    path("certificates/<uuid:pk>/", views.certificate, name="certificate"),
    path("certificates/<uuid:pk>/pdf/", views.certificate_download, name="certificate_pdf"),
    path("certificates/<uuid:pk>/json/", views.certificate_document, name="certificate_json"),
    path("certificates/<uuid:pk>/revoke/", views.certificate_revoke, name="certificate_revoke"),
    path("verify/<uuid:pk>/", views.verify, name="verify"),
    path("verify/asar_verify.py", views.verifier_script, name="verifier_script"),
    path("verify/public-key.txt", views.public_key, name="public_key"),
    path("letters/", views.letters, name="letters"),
    path("letters/<int:application_id>/", views.letter_write, name="letter_write"),
    path("my-data.json", views.export_json, name="export_json"),
    path("my-hours.csv", views.export_csv, name="export_csv"),
    path("delete-account/", views.erase, name="erase"),
]
