"""Reads for outcomes and the impact figures programmes and funders see.

Only aggregates leave here: `impact_figures` returns counts already passed through
`suppression.suppress`, so the dashboard, the API and the `impact_report` command publish the
very same numbers. There is deliberately no breakdown by origin (Pathways stores none) or by
right to work (private, and no consent to publish it exists).
"""

import statistics
from calendar import monthrange
from collections import defaultdict
from datetime import date as Date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.models import WOMEN_ROLES, Organisation, OrganisationKind, User
from backend.catalog.models import FinancingScheme, Training
from backend.impact.models import Outcome, OutcomeKind
from backend.impact.suppression import suppress
from events.models import Application, ApplicationStatus
from events.permissions import is_staff_user
from matching.models import Match, MatchStatus, OpportunityKind
from mentoring.models import Mentorship

ENGAGED_STATUSES = (MatchStatus.SAVED, MatchStatus.REQUESTED, MatchStatus.ACCEPTED)
STAGES = ("registered", "profile_complete", "matched", "engaged", "outcome")
PERIODS = ("month", "quarter")
SCORE_BANDS = ((0.0, "<0.4"), (0.4, "0.4-0.6"), (0.6, "0.6-0.8"), (0.8, ">=0.8"))
NO_CITY = "(not given)"


# --- Outcomes --------------------------------------------------------------------------------


def outcomes_for(*, user: User) -> QuerySet[Outcome]:
    """Her own outcomes; nobody else's outcomes are listed to anyone."""
    if not user.is_authenticated:
        return Outcome.objects.none()
    return Outcome.objects.filter(woman=user, rejected_at__isnull=True).order_by("-date", "-id")


# --- Who sees figures ------------------------------------------------------------------------


def programmes_of(*, user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        kind=OrganisationKind.PROGRAMME, verified=True, memberships__user=user
    ).order_by("id")


def can_view_impact(*, user: User) -> bool:
    if not user.is_authenticated:
        return False
    return is_staff_user(user) or programmes_of(user=user).exists()


def impact_programme(*, user: User, programme_id: int | None) -> Organisation | None:
    """The programme whose figures the viewer gets; None means every woman (staff only).

    PermissionDenied for people who see no figures; Organisation.DoesNotExist for a programme
    that is not theirs (the caller answers 404).
    """
    if not can_view_impact(user=user):
        raise PermissionDenied(_("Only staff and programme members see impact figures."))
    if is_staff_user(user):
        if programme_id is None:
            return None
        return Organisation.objects.get(pk=programme_id, kind=OrganisationKind.PROGRAMME)
    mine = programmes_of(user=user)
    if programme_id is None:
        return mine.first()
    return mine.get(pk=programme_id)


# --- Periods ---------------------------------------------------------------------------------


def _period_start(day: Date, period: str) -> Date:
    month = day.month if period == "month" else 3 * ((day.month - 1) // 3) + 1
    return Date(day.year, month, 1)


def _period_end(day: Date, period: str) -> Date:
    start = _period_start(day, period)
    last_month = start.month + (0 if period == "month" else 2)
    return Date(start.year, last_month, monthrange(start.year, last_month)[1])


def _period_label(day: Date, period: str) -> str:
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _period_labels(date_from: Date, date_to: Date, period: str) -> list[str]:
    labels = []
    day = _period_start(date_from, period)
    while day <= date_to:
        labels.append(_period_label(day, period))
        nxt = _period_end(day, period)
        day = Date(nxt.year + (nxt.month == 12), nxt.month % 12 + 1, 1)
    return labels


def snap_range(date_from: Date, date_to: Date, period: str) -> tuple[Date, Date]:
    """Whole periods only, so two reports a day apart cannot be subtracted to find one woman."""
    return _period_start(date_from, period), _period_end(date_to, period)


# --- Tables ----------------------------------------------------------------------------------


def _cells(values: list[int], hidden: list[bool]) -> list[dict[str, Any]]:
    return [
        {"value": None, "suppressed": True} if h else {"value": v, "suppressed": False}
        for v, h in zip(values, hidden, strict=True)
    ]


def _table(
    title: str,
    columns: list[tuple[str, str]],
    rows: list[tuple[str, list[int]]],
    *,
    total: list[int] | None = None,
    nested_rows: bool = False,
    total_hidden: set[int] | None = None,
) -> tuple[dict[str, Any], list[bool]]:
    """A published table and the hidden flags of its total row (to share with a sibling)."""
    values = [v for _label, v in rows] + ([total] if total is not None else [])
    pre = {(len(values) - 1, c) for c in total_hidden or set()} if total is not None else set()
    hidden = suppress(values, nested_rows=nested_rows, total_row=total is not None, pre_hidden=pre)
    table = {
        "title": title,
        "columns": [{"key": key, "label": label} for key, label in columns],
        "rows": [
            {"label": label, "cells": _cells(v, hidden[i])} for i, (label, v) in enumerate(rows)
        ],
        "total": _cells(total, hidden[-1]) if total is not None else None,
    }
    return table, (hidden[-1] if total is not None else [])


def _stage_columns() -> list[tuple[str, str]]:
    return [
        ("registered", _("Registered")),
        ("profile_complete", _("Profile complete")),
        ("matched", _("Matched")),
        ("engaged", _("Engaged")),
        ("outcome", _("Outcome")),
    ]


# --- Figures ---------------------------------------------------------------------------------


def _women_in_scope(programme: Organisation | None) -> QuerySet[User]:
    women = User.objects.filter(role__in=WOMEN_ROLES)
    if programme is None:
        return women
    engaged = Match.objects.filter(status__in=ENGAGED_STATUSES).filter(
        Q(
            kind=OpportunityKind.TRAINING,
            object_id__in=Training.objects.filter(organisation=programme).values("pk"),
        )
        | Q(
            kind=OpportunityKind.FINANCING,
            object_id__in=FinancingScheme.objects.filter(organisation=programme).values("pk"),
        )
    )
    linked = Outcome.objects.filter(
        Q(training__organisation=programme) | Q(financing__organisation=programme)
    )
    return women.filter(
        Q(pk__in=engaged.values("profile__user_id")) | Q(pk__in=linked.values("woman_id"))
    )


def _city_key(city: str | None) -> str:
    return (city or "").strip().casefold()


def _funnel_stages(
    cohort: QuerySet[User], date_to: Date
) -> tuple[list[dict[str, Any]], dict[int, Date]]:
    """One row per woman (id, period date, city, stages reached); a fixed number of queries."""
    complete = (
        Q(profile__isnull=False)
        & ~Q(profile__bio="")
        & ~Q(profile__languages=[])
        & ~Q(profile__city="")
        & ~Q(profile__country="")
    )
    women = list(
        cohort.annotate(
            n_complete=Count("pk", filter=complete),
        ).values_list("pk", "created_at", "profile__city", "n_complete")
    )
    ids = Q(profile__user__in=cohort.values("pk"))
    matched = set(Match.objects.filter(ids).values_list("profile__user_id", flat=True))
    engaged_rows = (
        Match.objects.filter(ids, status__in=ENGAGED_STATUSES)
        .order_by()
        .values_list("profile__user_id", flat=True)
        .union(
            Application.objects.filter(ids, status=ApplicationStatus.APPLIED)
            .order_by()
            .values_list("profile__user_id", flat=True),
            Mentorship.objects.filter(mentee__in=cohort.values("pk"))
            .order_by()
            .values_list("mentee_id", flat=True),
        )
    )
    engaged = set(engaged_rows)
    first_outcome = dict(
        Outcome.objects.filter(
            woman__in=cohort.values("pk"), rejected_at__isnull=True, date__lte=date_to
        )
        .values("woman_id")
        .annotate(first=Min("date"))
        .order_by()
        .values_list("woman_id", "first")
    )
    rows = []
    for pk, created_at, city, n_complete in women:
        reached = [True, bool(n_complete)]
        reached.append(reached[-1] and pk in matched)
        reached.append(reached[-1] and pk in engaged)
        reached.append(reached[-1] and pk in first_outcome)
        rows.append(
            {
                "id": pk,
                "registered": timezone.localdate(created_at),
                "city": city,
                "reached": reached,
            }
        )
    return rows, first_outcome


def _count_stages(rows: list[dict[str, Any]]) -> list[int]:
    return [sum(1 for r in rows if r["reached"][i]) for i in range(len(STAGES))]


def impact_figures(
    *,
    date_from: Date,
    date_to: Date,
    city: str = "",
    programme: Organisation | None = None,
    period: str = "month",
) -> dict[str, Any]:
    """Every published figure for one filter, suppressed. Same call for page, API and command.

    Funnel: women who registered in the range (by registration period and by city), each stage
    counting those who also reached the previous one. Outcomes: first outcome of each kind per
    woman dated in the range. Match quality: per kind, women shown / saved / dismissed matches.
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}")
    date_from, date_to = snap_range(date_from, date_to, period)
    scope = _women_in_scope(programme)
    cohort = scope.filter(created_at__date__gte=date_from, created_at__date__lte=date_to)
    women, first_outcome = _funnel_stages(cohort, date_to)

    # By city, always over every city so a city filter reuses the very same suppressed row.
    labels: dict[str, str] = {}
    by_city: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for w in women:
        key = _city_key(w["city"])
        labels.setdefault(key, (w["city"] or "").strip() or NO_CITY)
        by_city[key].append(w)
    city_keys = sorted(by_city, key=lambda k: labels[k].casefold())
    wanted = _city_key(city)
    selected = [w for w in women if not wanted or _city_key(w["city"]) == wanted]

    city_total = _count_stages(women)
    city_table, city_total_hidden = _table(
        _("Funnel by city"),
        _stage_columns(),
        [(labels[k], _count_stages(by_city[k])) for k in city_keys],
        total=city_total,
        nested_rows=True,
    )
    if wanted:
        index = city_keys.index(wanted) if wanted in city_keys else None
        shared = (
            {c for c, cell in enumerate(city_table["rows"][index]["cells"]) if cell["suppressed"]}
            if index is not None
            else set()
        )
    else:
        shared = {c for c, h in enumerate(city_total_hidden) if h}

    by_period: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for w in selected:
        by_period[_period_label(w["registered"], period)].append(w)
    period_labels = _period_labels(date_from, date_to, period)
    # Hide alike in both tables until neither adds a hidden total cell.
    while True:
        period_table, period_total_hidden = _table(
            _("Funnel by registration period"),
            _stage_columns(),
            [(label, _count_stages(by_period[label])) for label in period_labels],
            total=_count_stages(selected),
            nested_rows=True,
            total_hidden=shared,
        )
        grown = shared | {c for c, h in enumerate(period_total_hidden) if h}
        if wanted or grown == shared:
            break
        shared = grown
        city_table, _hidden = _table(
            _("Funnel by city"),
            _stage_columns(),
            [(labels[k], _count_stages(by_city[k])) for k in city_keys],
            total=city_total,
            nested_rows=True,
            total_hidden=shared,
        )

    reached_outcome = [w for w in selected if w["reached"][-1]]
    days = [(first_outcome[w["id"]] - w["registered"]).days for w in reached_outcome]
    median = {"value": None, "suppressed": True}
    if len(days) >= 5 and not period_table["total"][-1]["suppressed"]:
        median = {"value": statistics.median(days), "suppressed": False}
    if not days:
        median = {"value": None, "suppressed": False}

    city_scope = scope.filter(profile__city__iexact=city.strip()) if wanted else scope
    return {
        "filters": {
            "from": date_from.isoformat(),
            "to": date_to.isoformat(),
            "city": city.strip(),
            "programme": programme.pk if programme else None,
            "period": period,
        },
        "funnel_by_period": period_table,
        "funnel_by_city": city_table,
        "median_days_to_first_outcome": median,
        "outcomes_by_period": _outcomes_table(city_scope, date_from, date_to, period),
        "match_quality": _match_quality(cohort, wanted),
        "match_outcomes": _match_outcomes(city_scope, date_from, date_to),
    }


def _outcomes_table(
    scope: QuerySet[User], date_from: Date, date_to: Date, period: str
) -> dict[str, Any]:
    """Women per period whose first outcome of a kind fell in it; columns add up to kind totals."""
    firsts = (
        Outcome.objects.filter(woman__in=scope.values("pk"), rejected_at__isnull=True)
        .values("woman_id", "kind")
        .annotate(first=Min("date"))
        .filter(first__gte=date_from, first__lte=date_to)
        .order_by()
        .values_list("kind", "first")
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for kind, first in firsts:
        counts[(_period_label(first, period), kind)] += 1
    kinds = list(OutcomeKind.choices)
    rows = [
        (label, [counts[(label, k)] for k, _l in kinds])
        for label in _period_labels(date_from, date_to, period)
    ]
    total = [sum(row[1][i] for row in rows) for i in range(len(kinds))]
    table, _hidden = _table(
        _("Women with a first outcome, per period and kind"),
        [(k, str(label)) for k, label in kinds],
        rows,
        total=total,
    )
    return table


def _match_quality(cohort: QuerySet[User], wanted_city: str) -> dict[str, Any]:
    matches = Match.objects.filter(profile__user__in=cohort.values("pk"))
    if wanted_city:
        matches = matches.filter(profile__city__iexact=wanted_city)
    per_kind = {
        row["kind"]: row
        for row in matches.values("kind")
        .annotate(
            shown=Count("profile", distinct=True),
            saved=Count("profile", distinct=True, filter=Q(status__in=ENGAGED_STATUSES)),
            dismissed=Count("profile", distinct=True, filter=Q(status=MatchStatus.DISMISSED)),
        )
        .order_by()
    }
    rows = []
    for kind, label in OpportunityKind.choices:
        row = per_kind.get(kind, {})
        rows.append(
            (str(label), [row.get("shown", 0), row.get("saved", 0), row.get("dismissed", 0)])
        )
    table, _hidden = _table(
        _("Match quality: women shown, saving and dismissing matches"),
        [
            ("shown", _("Women shown matches")),
            ("saved", _("Saved or asked")),
            ("dismissed", _("Dismissed")),
        ],
        rows,
        nested_rows=True,
    )
    for row in table["rows"]:
        shown, saved, dismissed = (cell["value"] for cell in row["cells"])
        row["saved_share"] = round(saved / shown, 2) if shown and saved is not None else None
        row["dismissed_share"] = (
            round(dismissed / shown, 2) if shown and dismissed is not None else None
        )
    return table


def _band(score: float) -> str:
    label = SCORE_BANDS[0][1]
    for floor, name in SCORE_BANDS:
        if score >= floor:
            label = name
    return label


def _match_outcomes(scope: QuerySet[User], date_from: Date, date_to: Date) -> dict[str, Any]:
    """Which matches led to outcomes: women per (kind, score band), for the scorer to learn from."""
    women: dict[tuple[str, str], set[int]] = defaultdict(set)
    for woman_id, kind, score in Outcome.objects.filter(
        woman__in=scope.values("pk"),
        rejected_at__isnull=True,
        match__isnull=False,
        date__gte=date_from,
        date__lte=date_to,
    ).values_list("woman_id", "match__kind", "match__score"):
        women[(kind, _band(score))].add(woman_id)
    rows = [
        (f"{kind} {band}", [len(women[(kind, band)])])
        for kind in OpportunityKind.values
        for _floor, band in SCORE_BANDS
    ]
    table, _hidden = _table(
        _("Matches that led to an outcome (women per kind and score band)"),
        [("women", _("Women with an outcome"))],
        rows,
    )
    return table


def figures_as_csv_rows(figures: dict[str, Any]) -> list[list[str]]:
    """Flatten the figures to (table, row, column, value) with "<5" for hidden cells."""
    out = [["table", "row", "column", "value"]]
    for key in (
        "funnel_by_period",
        "funnel_by_city",
        "outcomes_by_period",
        "match_quality",
        "match_outcomes",
    ):
        table = figures[key]
        columns = [c["key"] for c in table["columns"]]
        body = [(row["label"], row["cells"]) for row in table["rows"]]
        if table["total"] is not None:
            body.append(("total", table["total"]))
        for label, cells in body:
            for column, cell in zip(columns, cells, strict=True):
                value = "<5" if cell["suppressed"] else str(cell["value"])
                out.append([key, label, column, value])
    median = figures["median_days_to_first_outcome"]
    value = (
        "<5" if median["suppressed"] else ("" if median["value"] is None else str(median["value"]))
    )
    out.append(["median_days_to_first_outcome", "total", "days", value])
    return out
