from __future__ import annotations

from django.urls import path

from asar.volunteers import views

app_name = "volunteers"
urlpatterns = [
    path("register/", views.register, name="register"),
    path("me/", views.profile, name="profile"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("me/remove-iin/", views.remove_iin, name="remove_iin"),
]
