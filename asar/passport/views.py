"""Passport pages: thin — parse, authorise, call one service, render."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from asar.accounts.typed_requests import AuthenticatedHttpRequest
from asar.hours.permissions import (
    VolunteerHttpRequest,
    coordinator_required,
    volunteer_required,
)
from asar.hours.views import apply_errors
from asar.passport import selectors, services, signing
from asar.passport.forms import (
    CertificateForm,
    EraseForm,
    LetterForm,
    RevokeForm,
    VerifyUploadForm,
)
from asar.passport.models import Certificate
from asar.passport.pdf import certificate_pdf


@volunteer_required
def mine(request: VolunteerHttpRequest) -> HttpResponse:
    return redirect("passport:detail", pk=request.volunteer.pk)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = selectors.passport_for(viewer=request.user, volunteer_id=pk)
    if volunteer is None:
        raise Http404
    summary = selectors.passport_summary(volunteer=volunteer, viewer=request.user)
    return render(request, "passport/detail.html", {"volunteer": volunteer, **summary})


def shared(request: HttpRequest, key: str) -> HttpResponse:
    """Public: a passport its owner made public, by the link they share."""
    volunteer = selectors.passport_shared(key=key)
    if volunteer is None:
        raise Http404
    summary = selectors.passport_summary(volunteer=volunteer, viewer=request.user)
    response = render(request, "passport/detail.html", {"volunteer": volunteer, **summary})
    response["X-Robots-Tag"] = "noindex"
    return response


@volunteer_required
@require_POST
def set_public(request: VolunteerHttpRequest) -> HttpResponse:
    public = request.POST.get("public") == "1"
    services.passport_set_public(actor=request.user, volunteer=request.volunteer, public=public)
    messages.success(
        request,
        _("Your passport is now public.") if public else _("Your passport is now private."),
    )
    return redirect("passport:mine")


@volunteer_required
def certificate_new(request: VolunteerHttpRequest) -> HttpResponse:
    form = CertificateForm(
        request.POST or None, initial=None if request.POST else {"language": request.LANGUAGE_CODE}
    )
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.certificate_issue(
                actor=request.user,
                volunteer=request.volunteer,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Your certificate is ready."))
            return redirect("passport:certificate", pk=certificate.pk)
    return render(
        request,
        "passport/certificate_new.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _own_certificate(request: HttpRequest, pk: object) -> Certificate:
    certificate = selectors.certificate_of_owner(user=request.user, certificate_id=pk)
    if certificate is None:
        raise Http404
    return certificate


@volunteer_required
def certificate(request: VolunteerHttpRequest, pk: object) -> HttpResponse:
    cert = _own_certificate(request, pk)
    return render(
        request,
        "passport/certificate.html",
        {"certificate": cert, "c": cert.content, "revoke_form": RevokeForm()},
    )


@volunteer_required
def certificate_download(request: VolunteerHttpRequest, pk: object) -> HttpResponse:
    cert = _own_certificate(request, pk)
    if cert.is_revoked:
        raise Http404
    response = HttpResponse(certificate_pdf(cert), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="asar-certificate-{cert.pk}.pdf"'
    return response


@volunteer_required
def certificate_document(request: VolunteerHttpRequest, pk: object) -> HttpResponse:
    cert = _own_certificate(request, pk)
    body = json.dumps(cert.document(), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="asar-certificate-{cert.pk}.json"'
    return response


@volunteer_required
@require_POST
def certificate_revoke(request: VolunteerHttpRequest, pk: object) -> HttpResponse:
    cert = _own_certificate(request, pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        services.certificate_revoke(
            actor=request.user, certificate=cert, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The certificate was revoked."))
    else:
        messages.error(request, _("Give a reason for the revocation."))
    return redirect("passport:certificate", pk=cert.pk)


def verify(request: HttpRequest, pk: object) -> HttpResponse:
    """Public: anyone holding a certificate (a university, an employer) checks it here."""
    form = VerifyUploadForm(request.POST or None, request.FILES or None)
    checked_document = False
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        result = services.certificate_verify_file(
            certificate_id=pk, data=upload.read(services.MAX_DOCUMENT_BYTES + 1)
        )
        checked_document = True
    else:
        result = services.certificate_verify(certificate_id=pk)
    status = 404 if result.certificate is None else 400 if form.errors else 200
    return render(
        request,
        "passport/verify.html",
        {
            "result": result,
            "c": result.certificate.content if result.certificate else {},
            "checked_document": checked_document,
            "form": form,
            "public_key": signing.public_key_b64(),
            "key_id": signing.key_id(),
            "certificate_id": pk,
        },
        status=status,
    )


def verifier_script(request: HttpRequest) -> FileResponse:
    """The standalone offline verifier, for download."""
    path = Path(__file__).with_name("verify.py")
    return FileResponse(path.open("rb"), as_attachment=True, filename="asar_verify.py")


def public_key(request: HttpRequest) -> HttpResponse:
    return HttpResponse(signing.public_key_b64() + "\n", content_type="text/plain; charset=utf-8")


# --- reference letters (coordinators) ----------------------------------------------------------


@coordinator_required
def letters(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "passport/letters.html",
        {
            "to_write": selectors.letters_to_write(user=request.user)[:100],
            "written": selectors.letters_written(user=request.user)[:100],
        },
    )


@coordinator_required
def letter_write(request: AuthenticatedHttpRequest, application_id: int) -> HttpResponse:
    application = selectors.letter_application(user=request.user, application_id=application_id)
    if application is None:
        raise Http404
    existing = getattr(application, "reference_letter", None)
    form = LetterForm(
        request.POST or None,
        initial={
            "language": existing.language if existing else request.LANGUAGE_CODE,
            "text": existing.text if existing else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reference_letter_write(
                actor=request.user, application=application, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The reference letter is in the volunteer's passport."))
            return redirect("passport:letters")
    return render(
        request,
        "passport/letter_write.html",
        {"form": form, "application": application},
        status=400 if form.errors else 200,
    )


# --- personal data: export and erasure ---------------------------------------------------------


@volunteer_required
def export_json(request: VolunteerHttpRequest) -> JsonResponse:
    data = selectors.personal_data_export(volunteer=request.volunteer)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="asar-my-data.json"'
    return response


@volunteer_required
def export_csv(request: VolunteerHttpRequest) -> HttpResponse:
    from asar.hours.models import HourEntry

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=selectors.ENTRY_COLUMNS)
    writer.writeheader()
    entries = HourEntry.objects.filter(volunteer=request.volunteer).select_related(
        "organization", "position", "direction", "region"
    )
    for entry in entries:
        writer.writerow(selectors.entry_row(entry))
    # A BOM so that spreadsheet programs read Kazakh and Russian letters correctly.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="asar-my-hours.csv"'
    return response


@volunteer_required
def erase(request: VolunteerHttpRequest) -> HttpResponse:
    form = EraseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.volunteer_erase(actor=request.user, volunteer=request.volunteer)
        logout(request)
        messages.success(
            request,
            _("Your account and personal data were deleted. Thank you for your good deeds."),
        )
        return redirect("core:home")
    return render(
        request,
        "passport/erase.html",
        {"form": form, "today": timezone.localdate()},
        status=400 if form.errors else 200,
    )
