from __future__ import annotations

from django.urls import path

from asar.hours import views

app_name = "hours"
urlpatterns = [
    path("", views.diary, name="diary"),
    path("entries/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("queue/", views.queue, name="queue"),
    path("queue/review/", views.review, name="review"),
    path("group/", views.group_log, name="group"),
    path("silent/", views.silent, name="silent"),
    path("shifts/", views.shifts, name="shifts"),
    path("shifts/<int:pk>/", views.shift_detail, name="shift"),
    path("shifts/<int:pk>/check/<int:volunteer_id>/", views.shift_check, name="shift_check"),
    path("shifts/<int:pk>/confirm/", views.shift_confirm, name="shift_confirm"),
    path("check-in/", views.check_in, name="check_in"),
    path("check-in/<str:token>/", views.check_in_token, name="check_in_token"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
