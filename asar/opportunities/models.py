"""Projects, volunteer positions, applications (the candidate questionnaire), the selection
workflow and the volunteer agreement — the guide's stages I–VI."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from asar.geo.models import ActivityForm
from asar.lib.i18n import localized
from asar.opportunities import questionnaire as qn
from asar.opportunities.questionnaire import Residence


class Project(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="projects",
        verbose_name=_("organisation"),
    )
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    direction = models.ForeignKey(
        "geo.Direction",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("direction"),
    )
    programme = models.ForeignKey(
        "geo.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("BIRGEMIZ programme"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=~(Q(title_kk="") & Q(title_ru="") & Q(title_en="")),
                name="opportunities_project_has_title",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")


class Benefit(models.TextChoices):
    TRAINING = "training", _("Training")
    MEALS = "meals", _("Meals")
    TRANSPORT = "transport", _("Transport")
    REFERENCE_LETTER = "reference_letter", _("Reference letter")
    CERTIFICATE = "certificate", _("Certificate")
    UNIFORM = "uniform", _("Uniform")
    INSURANCE = "insurance", _("Insurance")


class Position(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="positions",
        verbose_name=_("organisation"),
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="positions", verbose_name=_("project")
    )
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    direction = models.ForeignKey(
        "geo.Direction",
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("direction"),
    )
    form = models.CharField(
        _("form of activity"),
        max_length=10,
        choices=ActivityForm.choices,
        default=ActivityForm.OFFLINE,
    )
    region = models.ForeignKey(
        "geo.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("region"),
        help_text=_("Empty for online positions open to the whole country."),
    )
    settlement = models.CharField(_("city or village"), max_length=120, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # Written by the organisation, so kept per language like the title ("Сенбі 10:00–14:00").
    schedule_kk = models.CharField(
        _("schedule (Kazakh)"),
        max_length=255,
        blank=True,
        help_text=_("For recurring work, e.g. 'Saturdays 10:00–14:00'."),
    )
    schedule_ru = models.CharField(_("schedule (Russian)"), max_length=255, blank=True)
    schedule_en = models.CharField(_("schedule (English)"), max_length=255, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    places = models.PositiveIntegerField(_("number of places"))
    # Denormalised count of places held (accepted/active); the check constraint below is what
    # makes overbooking impossible, whatever the application code does.
    places_taken = models.PositiveIntegerField(
        default=0, editable=False, verbose_name=_("places taken")
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=14)
    required_skills = models.ManyToManyField(
        "volunteers.Skill", blank=True, related_name="positions", verbose_name=_("required skills")
    )
    required_languages = models.JSONField(_("required languages"), default=list, blank=True)
    benefits = models.JSONField(_("what the volunteer gets"), default=list, blank=True)
    is_risky = models.BooleanField(_("risky activity (insurance required)"), default=False)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_positions",
        verbose_name=_("coordinator"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("published at"))

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("volunteer position")
        verbose_name_plural = _("volunteer positions")
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="opportunities_places_gte_1"),
            models.CheckConstraint(
                condition=Q(places_taken__lte=F("places")), name="opportunities_no_overbooking"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="opportunities_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(min_age__gte=14) & Q(min_age__lte=80),
                name="opportunities_min_age_range",
            ),
            models.CheckConstraint(
                condition=~(Q(title_kk="") & Q(title_ru="") & Q(title_en="")),
                name="opportunities_position_has_title",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "region", "direction", "start_date"]),
            models.Index(fields=["status", "form", "start_date"]),
            # "My region or online" with a direction: the online half of the OR (region+direction
            # is the first index) without reading every online position of other directions.
            models.Index(fields=["status", "form", "direction"], name="opportunities_pos_form_dir"),
            models.Index(fields=["organization", "status"]),
            # The default search: published, soonest first, paginated without a sort step.
            models.Index(fields=["status", "start_date", "id"], name="opportunities_pos_by_start"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def schedule(self) -> str:
        return localized(self, "schedule")

    @property
    def places_left(self) -> int:
        return max(self.places - self.places_taken, 0)

    @property
    def is_online(self) -> bool:
        return self.form == ActivityForm.ONLINE

    @property
    def has_ended(self) -> bool:
        return self.end_date is not None and self.end_date < timezone.localdate()

    @property
    def is_under_way(self) -> bool:
        """Started and not yet ended: volunteers can join it now."""
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)

    @property
    def dates_short(self) -> str:
        return self._dates("medium")

    @property
    def dates_long(self) -> str:
        return self._dates("long")

    def _dates(self, fmt: str) -> str:
        """One day, a range, or 'from <start>' for work that has no end date."""
        from asar.lib.formatting import date, date_range

        if self.end_date is None:
            return gettext("from %(date)s") % {"date": date(self.start_date, fmt=fmt)}
        return date_range(self.start_date, self.end_date, fmt=fmt)

    @property
    def benefit_labels(self) -> list[str]:
        return [str(Benefit(b).label) for b in self.benefits if b in Benefit.values]

    @property
    def required_language_labels(self) -> list[str]:
        from asar.volunteers.models import SpokenLanguage

        return [
            str(SpokenLanguage(c).label)
            for c in self.required_languages
            if c in SpokenLanguage.values
        ]


class Application(models.Model):
    """A candidate's application: the questionnaire of the guide's Appendix 1 plus its state."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Place offered")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Statuses that hold one of the position's places.
    HOLDS_PLACE = (Status.OFFERED, Status.ACCEPTED, Status.ACTIVE)
    CLOSED = (Status.REJECTED, Status.COMPLETED, Status.WITHDRAWN)

    position = models.ForeignKey(
        Position,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("volunteer position"),
    )
    volunteer = models.ForeignKey(
        "volunteers.VolunteerProfile",
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("volunteer"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.APPLIED
    )
    # --- questionnaire (Appendix 1) ---
    motivations = models.JSONField(_("motivation"), default=list)
    qualities = models.JSONField(_("qualities (self-rated 1–5)"), default=dict)
    experience_with_people = models.TextField(_("experience of work with people"), blank=True)
    health_restrictions = models.TextField(_("health restrictions"), blank=True)
    preferred_activities = models.JSONField(_("preferred activities"), default=list)
    availability = models.JSONField(_("availability"), default=list)
    guardian_consent = models.BooleanField(_("parent or guardian consent"), default=False)
    motivation_other = models.CharField(_("other motivation"), max_length=255, blank=True)
    residence = models.CharField(
        _("how long you have lived in your settlement"),
        max_length=10,
        choices=Residence.choices,
        blank=True,
    )
    experience_kinds = models.JSONField(_("kinds of experience"), default=list, blank=True)
    activity_other = models.CharField(_("other activity"), max_length=255, blank=True)
    availability_other = models.CharField(_("other availability"), max_length=255, blank=True)
    # --- workflow ---
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    waitlisted_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("put on the waiting list at")
    )
    offered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("place offered at"))
    offer_expires_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("offer expires at")
    )
    accepted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("accepted at"))
    completed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("completed at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("applied at"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["position", "volunteer"],
                condition=~Q(status__in=["rejected", "withdrawn"]),
                name="opportunities_one_open_application",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="opportunities_rejection_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["position", "status"]),
            models.Index(fields=["volunteer", "status"]),
            models.Index(fields=["status", "offer_expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.position}"

    # Labels of the questionnaire answers, in the reader's language.
    @property
    def motivation_labels(self) -> list[str]:
        return _labels(qn.Motivation, self.motivations)

    @property
    def availability_labels(self) -> list[str]:
        return _labels(qn.Availability, self.availability)

    @property
    def experience_labels(self) -> list[str]:
        return _labels(qn.Experience, self.experience_kinds)

    @property
    def activity_labels(self) -> list[str]:
        return _labels(qn.Activity, self.preferred_activities)

    @property
    def quality_scores(self) -> list[tuple[str, int]]:
        return [
            (str(q.label), self.qualities[q.value]) for q in qn.Quality if q.value in self.qualities
        ]


def _labels(choices: type[models.TextChoices], values: list[str]) -> list[str]:
    return [str(choices(v).label) for v in values if v in choices.values]


class ApplicationEvent(models.Model):
    """Every transition of an application: who, when, from and to which status, and why."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events", verbose_name=_("application")
    )
    from_status = models.CharField(
        max_length=12,
        blank=True,
        choices=Application.Status.choices,
        verbose_name=_("from status"),
    )
    to_status = models.CharField(
        max_length=12, choices=Application.Status.choices, verbose_name=_("to status")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(blank=True, verbose_name=_("note"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("when"))
    # Set once the e-mail about this event went out, so a retried task never sends it twice.
    notified_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("volunteer notified at")
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self) -> str:
        return f"{self.get_from_status_display() or '∅'} → {self.get_to_status_display()}"


class Agreement(models.Model):
    """The volunteer agreement (Appendix 2), generated on acceptance. Once the volunteer accepts
    it, its text is frozen: ``content_sha256`` lets anyone check it was not changed."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="agreement",
        verbose_name=_("application"),
    )
    language = models.CharField(
        max_length=2, choices=settings.LANGUAGES, verbose_name=_("language")
    )
    text = models.TextField(verbose_name=_("text"))
    content_sha256 = models.CharField(max_length=64, verbose_name=_("SHA-256 of the text"))
    generated_at = models.DateTimeField(auto_now_add=True, verbose_name=_("generated at"))
    accepted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("accepted at"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("volunteer agreement")
        verbose_name_plural = _("volunteer agreements")

    def __str__(self) -> str:
        return f"{self.application}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Last line of defence behind the service and the admin: an accepted text never changes.
        if self.pk is not None:
            stored = (
                Agreement.objects.filter(pk=self.pk)
                .values("text", "content_sha256", "language", "accepted_at")
                .first()
            )
            if (
                stored
                and stored["accepted_at"] is not None
                and (
                    stored["text"] != self.text
                    or stored["content_sha256"] != self.content_sha256
                    or stored["language"] != self.language
                )
            ):
                raise AgreementFrozen(_("An accepted agreement cannot be changed."))
        super().save(*args, **kwargs)

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None


class AgreementFrozen(Exception):
    """Raised on any attempt to change an agreement the volunteer has already accepted."""
