"""Simple pages for fairs and roles; the API does the same through the same services."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.accounts.models import Organisation, OrganisationKind, User
from backend.accounts.selectors import organisations_of
from backend.core.forms import add_service_errors
from backend.profiles.models import SHAREABLE_FIELDS, Profile
from events import ical, qr, selectors, services
from events.forms import ApplicationForm, CheckInForm, OutcomeForm, ReportForm, RoleForm
from events.models import Application, ApplicationStatus, JobRole, JobRoleStatus, RegistrationStatus
from events.permissions import can_check_in, is_woman


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def fair_list(request: HttpRequest) -> HttpResponse:
    fairs = selectors.fairs_visible(user=request.user).filter(ends_at__gt=timezone.now())
    return render(
        request, "events/fair_list.html", {"fairs": fairs.order_by("starts_at", "id")[:100]}
    )


def fair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    fair = get_object_or_404(selectors.fairs_visible(user=request.user), pk=pk)
    registration = selectors.registration_of(fair=fair, user=request.user)
    context = {
        "fair": fair,
        "seats": selectors.fair_seats(fair=fair),
        "registration": registration,
        "position": selectors.waitlist_position(registration=registration)
        if registration
        else None,
        "can_register": is_woman(request.user),
        "schedule": selectors.schedule_of(user=request.user, fair=fair)
        if registration is not None
        else [],
        "open_slots": selectors.open_slots(fair=fair)
        if registration is not None and registration.status == RegistrationStatus.REGISTERED
        else [],
    }
    return render(request, "events/fair_detail.html", context)


@require_POST
@login_required
def slot_book(request: HttpRequest, pk: int) -> HttpResponse:
    slot = get_object_or_404(selectors.slots_visible(user=request.user), pk=pk)
    try:
        services.booking_create(user=request.user, slot=slot)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The interview is in your schedule."))
    return redirect("events:fair-detail", pk=slot.fair_id)


@require_POST
@login_required
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(selectors.bookings_of(user=request.user), pk=pk)
    try:
        services.booking_cancel(user=request.user, booking=booking)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("The interview is cancelled."))
    return redirect("events:fair-detail", pk=booking.slot.fair_id)


@login_required
def check_in(request: HttpRequest) -> HttpResponse:
    """At the door: staff or the organiser type (or scan into the box) her code."""
    if not can_check_in(user=request.user):
        raise Http404
    form = CheckInForm(request.POST or None)
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                registration, already = services.registration_check_in(
                    code=form.cleaned_data["code"], user=request.user
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                result = {"registration": registration, "already": already}
                form = CheckInForm()
        if result is None:
            status = 400
    return render(request, "events/check_in.html", {"form": form, "result": result}, status=status)


@require_POST
@login_required
def fair_register(request: HttpRequest, pk: int) -> HttpResponse:
    fair = get_object_or_404(selectors.fairs_visible(user=request.user), pk=pk)
    try:
        registration = services.fair_register(fair=fair, user=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc) if isinstance(exc, ValidationError) else str(exc))
    else:
        if registration.status == "registered":
            messages.success(request, _("You are registered."))
        else:
            messages.info(request, _("The fair is full: you are on the waiting list."))
    return redirect("events:fair-detail", pk=fair.pk)


@require_POST
@login_required
def fair_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    fair = get_object_or_404(selectors.fairs_visible(user=request.user), pk=pk)
    registration = selectors.registration_of(fair=fair, user=request.user)
    if registration is None:
        raise Http404
    try:
        services.fair_cancel(registration=registration, user=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:fair-detail", pk=fair.pk)


def fair_ics(request: HttpRequest, pk: int) -> HttpResponse:
    fair = get_object_or_404(selectors.fairs_visible(user=request.user), pk=pk)
    response = HttpResponse(ical.fair_ics(fair=fair), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fair-{fair.pk}.ics"'
    return response


@login_required
def registration_qr(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(selectors.registrations_of(user=request.user), pk=pk)
    response = HttpResponse(
        qr.checkin_qr_svg(code=registration.checkin_code), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def role_detail(request: HttpRequest, pk: int) -> HttpResponse:
    role = get_object_or_404(selectors.roles_visible(user=request.user), pk=pk)
    application = None
    if is_woman(request.user):
        application = Application.objects.filter(role=role, profile__user=request.user).first()
    form = ApplicationForm(request.POST or None)
    report_form = ReportForm()
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect("login")
        if form.is_valid():
            try:
                services.application_create(
                    user=request.user, role=role, note=form.cleaned_data["note"]
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("Your application is sent. The employer now sees your email.")
                )
                return redirect("events:role-detail", pk=role.pk)
    context = {
        "role": role,
        "form": form,
        "report_form": report_form,
        "interested": is_woman(request.user)
        and selectors.interests_of(user=request.user).filter(role=role).exists(),
        "application": application,
        "applied": application is not None and application.status == ApplicationStatus.APPLIED,
        "can_apply": is_woman(request.user)
        and role.status == JobRoleStatus.PUBLISHED
        and not role.hidden,
    }
    return render(request, "events/role_detail.html", context)


@require_POST
@login_required
def role_interest(request: HttpRequest, pk: int) -> HttpResponse:
    """She marks (or unmarks) interest in a role without applying: nothing is shared."""
    role = get_object_or_404(selectors.roles_visible(user=request.user), pk=pk)
    interest = selectors.interests_of(user=request.user).filter(role=role).first()
    try:
        if interest is not None:
            services.interest_remove(user=request.user, interest=interest)
            messages.success(request, _("Removed from the roles you are interested in."))
        else:
            services.interest_add(user=request.user, role=role)
            messages.success(request, _("Saved to the roles you are interested in."))
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    return redirect("events:role-detail", pk=role.pk)


@login_required
def role_report(request: HttpRequest, pk: int) -> HttpResponse:
    """She reports a role (or its employer) as suspicious; staff review it in the admin."""
    if not is_woman(request.user):
        raise Http404
    role = get_object_or_404(selectors.roles_visible(user=request.user), pk=pk)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            about_employer = request.POST.get("about") == "employer"
            try:
                services.report_create(
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    text=form.cleaned_data["text"],
                    role=None if about_employer else role,
                    organisation=role.organisation if about_employer else None,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Thank you. Staff will look at your report."))
                return redirect("events:role-detail", pk=role.pk)
        status = 400
    return render(request, "events/role_report.html", {"role": role, "form": form}, status=status)


@login_required
def role_people(request: HttpRequest, pk: int) -> HttpResponse:
    """Per role: who applied and the ranked candidates who let employers see them."""
    role = get_object_or_404(selectors.roles_managed(user=request.user), pk=pk)
    context = {
        "role": role,
        "applications": [
            {**a, "shown": _shown(a["candidate"])}
            for a in selectors.applications_for_role(role=role)
        ],
        "candidates": [
            {**c, "shown": _shown(c["candidate"])} for c in selectors.candidates_for_role(role=role)
        ],
    }
    return render(request, "events/role_people.html", context)


def _shown(candidate: dict[str, Any]) -> list[tuple[str, str]]:
    """Every field she shares, labelled and as text, in the fixed order of SHAREABLE_FIELDS."""
    rows = []
    for name in SHAREABLE_FIELDS:
        if name not in candidate:
            continue
        model = User if name == "display_name" else Profile
        label = str(model._meta.get_field(name).verbose_name)
        value = candidate[name]
        if name == "languages":
            text = ", ".join(
                " ".join(str(v) for v in (row.get("code"), row.get("level")) if v)
                for row in value
                if isinstance(row, dict)
            )
        elif isinstance(value, list):
            text = ", ".join(str(v) for v in value)
        else:
            text = str(value)
        rows.append((label[:1].upper() + label[1:], text))
    return rows


@login_required
def interviews(request: HttpRequest) -> HttpResponse:
    """The employer's interviews at fairs, with the outcome of each once it has taken place."""
    _employers(request)
    rows = selectors.interviews_for_employer(user=request.user).order_by("slot__starts_at", "id")
    context = {
        "rows": [
            {
                "booking": b,
                "candidate": (candidate := selectors.interview_candidate(booking=b)),
                "shown": _shown(candidate),
                "form": OutcomeForm(initial={"outcome": b.outcome}, prefix=f"b{b.pk}"),
                "past": b.slot.starts_at <= timezone.now(),
            }
            for b in rows[:500]
        ],
    }
    return render(request, "events/interviews.html", context)


@require_POST
@login_required
def interview_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(selectors.interviews_for_employer(user=request.user), pk=pk)
    form = OutcomeForm(request.POST, prefix=f"b{booking.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose an outcome."))
        return redirect("events:interviews")
    try:
        services.booking_outcome_record(
            user=request.user, booking=booking, outcome=form.cleaned_data["outcome"]
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Outcome saved."))
    return redirect("events:interviews")


@login_required
def employer_dashboard(request: HttpRequest) -> HttpResponse:
    roles = list(selectors.roles_managed(user=request.user).order_by("-id")[:200])
    rows = [
        {"role": role, "applications": selectors.applications_for_role(role=role)} for role in roles
    ]
    organisations = organisations_of(user=request.user).filter(kind=OrganisationKind.EMPLOYER)
    context = {
        "rows": rows,
        "can_post": organisations.exists(),
        "unverified": [o for o in organisations if not o.verified],
    }
    return render(request, "events/employer_dashboard.html", context)


def _employers(request: HttpRequest) -> QuerySet[Organisation]:
    """Her employer organisations; role pages are a 404 for anyone else."""
    organisations = organisations_of(user=request.user).filter(kind=OrganisationKind.EMPLOYER)
    if not organisations.exists():
        raise Http404
    return organisations


@login_required
def role_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Post (no pk) or edit one of her organisation's roles; it stays as it is until published."""
    organisations = _employers(request)
    instance = get_object_or_404(selectors.roles_managed(user=request.user), pk=pk) if pk else None
    form = RoleForm(
        request.POST or None, instance=instance or JobRole(), organisations=organisations
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.role_save(user=request.user, instance=instance, **form.service_fields())
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Saved."))
                return redirect("events:employer-dashboard")
        status = 400
    context = {"form": form, "role": instance}
    return render(request, "events/role_form.html", context, status=status)


@require_POST
@login_required
def role_status(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    role = get_object_or_404(selectors.roles_managed(user=request.user), pk=pk)
    change = {"publish": services.role_publish, "close": services.role_close}.get(action)
    if change is None:
        raise Http404
    try:
        change(role=role, user=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The role is published.") if action == "publish" else _("The role is closed."),
        )
    return redirect("events:employer-dashboard")
