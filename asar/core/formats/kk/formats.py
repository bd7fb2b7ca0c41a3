"""Kazakh: Django has no format module for kk, so its admin showed "Сәуір 17, 2024, 11 т.ж."
and started the calendar on Sunday. Only what Django itself displays is set here (the admin's
dates and widgets); input formats stay ISO, and pages format with Babel."""

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
