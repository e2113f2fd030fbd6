"""Reads for outcomes and the impact figures programmes and funders see.

Only aggregates leave here: `impact_figures` returns counts already passed through
`suppression.publish` (under 5 hidden, the rest rounded to a multiple of 5), so the dashboard,
the API and the `impact_report` command publish the very same numbers. Breakdowns by origin
region and right to work count only women who opted in (StatisticsConsent).
"""

import statistics
from calendar import monthrange
from collections import defaultdict
from collections.abc import Iterable
from datetime import date as Date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.models import WOMEN_ROLES, Organisation, OrganisationKind, User
from backend.accounts.selectors import organisations_of
from backend.catalog.models import FinancingScheme, Training
from backend.profiles.models import RightToWork
from events.models import Application, ApplicationStatus
from events.permissions import is_staff_user
from impact.models import OriginRegion, Outcome, OutcomeKind, StatisticsConsent
from impact.suppression import THRESHOLD, publish, share
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


def outcomes_page_for(*, user: User) -> QuerySet[Outcome]:
    """Her outcomes for her page, with what they link to, in a fixed number of queries."""
    return outcomes_for(user=user).select_related("training", "financing", "role", "recorded_by")


def woman_by_id(woman_id: int) -> User | None:
    """A job seeker or entrepreneur by id; None alike for a missing id and for anyone else."""
    return User.objects.filter(pk=woman_id, role__in=WOMEN_ROLES).first()


def statistics_consent_of(*, user: User) -> StatisticsConsent:
    """Her opt-in for breakdowns; an unsaved all-off row when she never chose."""
    found = StatisticsConsent.objects.filter(woman=user).first()
    return found or StatisticsConsent(woman=user)


def programme_engagements(*, user: User) -> QuerySet[Match]:
    """Women's saved or requested matches to the trainings and schemes of her programmes.

    What a programme member may record an outcome for: the women who engaged with its items.
    """
    programmes = programmes_of(user=user)
    return (
        Match.objects.filter(status__in=ENGAGED_STATUSES, profile__user__role__in=WOMEN_ROLES)
        .filter(
            Q(
                kind=OpportunityKind.TRAINING,
                object_id__in=Training.objects.filter(organisation__in=programmes).values("pk"),
            )
            | Q(
                kind=OpportunityKind.FINANCING,
                object_id__in=FinancingScheme.objects.filter(organisation__in=programmes).values(
                    "pk"
                ),
            )
        )
        .select_related("profile__user")
        .order_by("kind", "title", "id")
    )


def programme_item_model(kind: str) -> type[Training] | type[FinancingScheme]:
    return FinancingScheme if kind == OpportunityKind.FINANCING else Training


# --- Who sees figures ------------------------------------------------------------------------


def programmes_of(*, user: User) -> QuerySet[Organisation]:
    return organisations_of(user=user).filter(kind=OrganisationKind.PROGRAMME, verified=True)


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

# Every published table, in the order the dashboard, the CSV and the JSON give them.
TABLES = (
    "funnel_by_period",
    "funnel_by_city",
    "outcomes_by_period",
    "outcomes_by_city",
    "match_quality",
    "match_outcomes",
    "funnel_by_origin",
    "outcomes_by_origin",
    "funnel_by_right_to_work",
    "outcomes_by_right_to_work",
)
# Columns whose cells are counts (rounded and suppressed); "percent" and "days" are derived.
COUNT_UNITS = ("women", "matches", "outcomes")


def disclosure_note() -> str:
    return _(
        "Counts are rounded to the nearest 5 and counts under 5 are hidden (<5), so that no "
        "one can be recognised, even by comparing several reports."
    )


def _column(key: str, label: str, unit: str = "women") -> dict[str, str]:
    return {"key": key, "label": label, "unit": unit}


def _table(
    title: str,
    columns: list[dict[str, str]],
    rows: list[tuple[str, list[int]]],
    *,
    total: list[int] | None = None,
) -> dict[str, Any]:
    """A published table: every count goes through `publish` (hidden under 5, else rounded)."""
    return {
        "title": title,
        "columns": columns,
        "rows": [{"label": label, "cells": [publish(v) for v in values]} for label, values in rows],
        "total": [publish(v) for v in total] if total is not None else None,
    }


def _stage_columns() -> list[dict[str, str]]:
    return [
        _column("registered", _("Registered")),
        _column("profile_complete", _("Profile complete")),
        _column("matched", _("Matched")),
        _column("engaged", _("Engaged")),
        _column("outcome", _("Outcome")),
    ]


def _kind_columns() -> list[dict[str, str]]:
    return [_column(key, str(label)) for key, label in OutcomeKind.choices] + [
        _column("all", _("All first outcomes"), unit="outcomes")
    ]


# --- Who is counted --------------------------------------------------------------------------


def _programme_items(programme: Organisation) -> Q:
    """Matches to the programme's own trainings and financing schemes."""
    return Q(
        kind=OpportunityKind.TRAINING,
        object_id__in=Training.objects.filter(organisation=programme).values("pk"),
    ) | Q(
        kind=OpportunityKind.FINANCING,
        object_id__in=FinancingScheme.objects.filter(organisation=programme).values("pk"),
    )


def _women_in_scope(programme: Organisation | None) -> QuerySet[User]:
    """Every woman, or for a programme the women matched to its items (whatever they did with
    the match) and those with an outcome linked to its items."""
    women = User.objects.filter(role__in=WOMEN_ROLES)
    if programme is None:
        return women
    matched = Match.objects.filter(_programme_items(programme))
    linked = Outcome.objects.filter(
        Q(training__organisation=programme) | Q(financing__organisation=programme)
    )
    return women.filter(
        Q(pk__in=matched.values("profile__user_id")) | Q(pk__in=linked.values("woman_id"))
    )


def _city_key(city: str | None) -> str:
    return (city or "").strip().casefold()


def _women(scope: QuerySet[User]) -> dict[int, dict[str, Any]]:
    """One row per woman in scope: registration day, city, profile complete, and what she chose
    to share for breakdowns (None when she did not opt in). One query."""
    complete = (
        Q(profile__isnull=False)
        & ~Q(profile__bio="")
        & ~Q(profile__languages=[])
        & ~Q(profile__city="")
        & ~Q(profile__country="")
    )
    rows = scope.annotate(n_complete=Count("pk", filter=complete)).values_list(
        "pk",
        "created_at",
        "profile__city",
        "n_complete",
        "statistics_consent__share_origin",
        "statistics_consent__origin_region",
        "statistics_consent__share_right_to_work",
        "profile__right_to_work",
    )
    women: dict[int, dict[str, Any]] = {}
    for pk, created_at, city, n_complete, share_origin, region, share_rtw, rtw in rows:
        women[pk] = {
            "id": pk,
            "registered": timezone.localdate(created_at),
            "city": (city or "").strip(),
            "city_key": _city_key(city),
            "complete": bool(n_complete),
            "origin": region if share_origin and region else None,
            "rtw": rtw if share_rtw and rtw else None,
        }
    return women


def _funnel_stages(
    cohort: QuerySet[User],
    women: list[dict[str, Any]],
    date_to: Date,
    programme: Organisation | None,
) -> dict[int, Date]:
    """Mark the stages each woman reached (in place); return her first outcome date.

    For a programme, "matched" and "engaged" mean with its own trainings and schemes, so its
    funnel reads: matched to ours -> saved or asked about one of ours -> any outcome.
    """
    matches = Match.objects.filter(profile__user__in=cohort.values("pk"))
    if programme is not None:
        matches = matches.filter(_programme_items(programme))
    matched = set(matches.values_list("profile__user_id", flat=True))
    engaged_rows = (
        matches.filter(status__in=ENGAGED_STATUSES)
        .order_by()
        .values_list("profile__user_id", flat=True)
    )
    if programme is None:
        engaged_rows = engaged_rows.union(
            Application.objects.filter(
                profile__user__in=cohort.values("pk"), status=ApplicationStatus.APPLIED
            )
            .order_by()
            .values_list("profile__user_id", flat=True),
            Mentorship.objects.filter(mentee__in=cohort.values("pk"))
            .order_by()
            .values_list("mentee_id", flat=True),
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
    for w in women:
        reached = [True, w["complete"]]
        reached.append(reached[-1] and w["id"] in matched)
        reached.append(reached[-1] and w["id"] in engaged)
        reached.append(reached[-1] and w["id"] in first_outcome)
        w["reached"] = reached
    return first_outcome


def _count_stages(rows: Iterable[dict[str, Any]]) -> list[int]:
    counts = [0] * len(STAGES)
    for r in rows:
        for i, reached in enumerate(r["reached"]):
            counts[i] += reached
    return counts


def _count_kinds(firsts: Iterable[tuple[dict[str, Any], str, Date]]) -> list[int]:
    """Per outcome kind, then all kinds together (first outcomes, not women)."""
    per_kind: dict[str, int] = defaultdict(int)
    for _w, kind, _first in firsts:
        per_kind[kind] += 1
    counts = [per_kind[k] for k in OutcomeKind.values]
    return [*counts, sum(counts)]


# --- Figures ---------------------------------------------------------------------------------


def impact_figures(
    *,
    date_from: Date,
    date_to: Date,
    city: str = "",
    programme: Organisation | None = None,
    period: str = "month",
) -> dict[str, Any]:
    """Every published figure for one filter. Same call for page, API and command.

    Funnel: women who registered in the range (by registration period and by city), each stage
    counting those who also reached the previous one. Outcomes: first outcome of each kind per
    woman dated in the range. Match quality: per kind, matches shown / saved / dismissed.
    Every table is built over all cities at once; a city filter picks that city's women from
    the same rows, so it repeats that city's row of the all-cities tables.
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}")
    date_from, date_to = snap_range(date_from, date_to, period)
    scope = _women_in_scope(programme)
    everyone = _women(scope)
    cohort = scope.filter(created_at__date__gte=date_from, created_at__date__lte=date_to)
    registered = sorted(
        (w for w in everyone.values() if date_from <= w["registered"] <= date_to),
        key=lambda w: w["id"],
    )
    first_outcome = _funnel_stages(cohort, registered, date_to, programme)

    labels: dict[str, str] = {}
    for w in sorted(everyone.values(), key=lambda w: w["id"]):
        labels.setdefault(w["city_key"], w["city"] or NO_CITY)
    wanted = _city_key(city)

    def in_city(w: dict[str, Any]) -> bool:
        return not wanted or w["city_key"] == wanted

    selected = [w for w in registered if in_city(w)]
    by_city: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for w in registered:
        by_city[w["city_key"]].append(w)
    city_keys = sorted(by_city, key=lambda k: labels[k].casefold())
    by_period: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for w in selected:
        by_period[_period_label(w["registered"], period)].append(w)
    period_labels = _period_labels(date_from, date_to, period)

    firsts = _first_outcomes(scope, everyone, date_from, date_to)
    firsts_here = [f for f in firsts if in_city(f[0])]

    return {
        "filters": {
            "from": date_from.isoformat(),
            "to": date_to.isoformat(),
            "city": city.strip(),
            "programme": programme.pk if programme else None,
            "period": period,
        },
        "disclosure_control": disclosure_note(),
        "funnel_by_period": _table(
            _("Funnel by registration period"),
            _stage_columns(),
            [(label, _count_stages(by_period[label])) for label in period_labels],
            total=_count_stages(selected),
        ),
        "funnel_by_city": _table(
            _("Funnel by city"),
            _stage_columns(),
            [(labels[k], _count_stages(by_city[k])) for k in city_keys],
            total=_count_stages(registered),
        ),
        "median_days_to_first_outcome": _median_days(selected, first_outcome),
        "outcomes_by_period": _table(
            _("First outcomes per period and kind (women)"),
            _kind_columns(),
            [
                (
                    label,
                    _count_kinds(f for f in firsts_here if _period_label(f[2], period) == label),
                )
                for label in period_labels
            ],
            total=_count_kinds(firsts_here),
        ),
        "outcomes_by_city": _outcomes_by_city(firsts, labels),
        "match_quality": _match_quality(cohort, programme, wanted),
        "match_outcomes": _match_outcomes(scope, everyone, date_from, date_to, in_city),
        **_breakdowns(selected, firsts_here),
    }


def _median_days(selected: list[dict[str, Any]], first_outcome: dict[int, Date]) -> dict[str, Any]:
    """Median days from registering to a first outcome, only for 5 or more women.

    median_low always returns one woman's own figure rather than the mean of two middle
    ones, so a ".5" never tells that the group is even and narrows the rounded counts.
    """
    days = [(first_outcome[w["id"]] - w["registered"]).days for w in selected if w["reached"][-1]]
    if not days:
        return {"value": None, "suppressed": False}
    if len(days) < THRESHOLD:
        return {"value": None, "suppressed": True}
    return {"value": statistics.median_low(days), "suppressed": False}


def _first_outcomes(
    scope: QuerySet[User], everyone: dict[int, dict[str, Any]], date_from: Date, date_to: Date
) -> list[tuple[dict[str, Any], str, Date]]:
    """(woman row, kind, date) of each woman's first outcome of each kind, when in the range."""
    rows = (
        Outcome.objects.filter(woman__in=scope.values("pk"), rejected_at__isnull=True)
        .values("woman_id", "kind")
        .annotate(first=Min("date"))
        .filter(first__gte=date_from, first__lte=date_to)
        .order_by()
        .values_list("woman_id", "kind", "first")
    )
    return [(everyone[wid], kind, first) for wid, kind, first in rows if wid in everyone]


def _outcomes_by_city(
    firsts: list[tuple[dict[str, Any], str, Date]], labels: dict[str, str]
) -> dict[str, Any]:
    per_city: dict[str, list[tuple[dict[str, Any], str, Date]]] = defaultdict(list)
    for f in firsts:
        per_city[f[0]["city_key"]].append(f)
    keys = sorted(per_city, key=lambda k: labels[k].casefold())
    return _table(
        _("First outcomes per city and kind (women)"),
        _kind_columns(),
        [(labels[k], _count_kinds(per_city[k])) for k in keys],
        total=_count_kinds(firsts),
    )


def _match_quality(
    cohort: QuerySet[User], programme: Organisation | None, wanted_city: str
) -> dict[str, Any]:
    """Per kind: matches shown, saved (or asked about), dismissed, and the two shares.

    Counts matches, not women. One query over all cities; the city filter picks its rows.
    Shares come from the rounded counts, so they say nothing the counts beside them do not.
    """
    matches = Match.objects.filter(profile__user__in=cohort.values("pk"))
    if programme is not None:
        matches = matches.filter(_programme_items(programme))
    counts: dict[str, list[int]] = {kind: [0, 0, 0] for kind in OpportunityKind.values}
    for city, kind, status, n in (
        matches.values("profile__city", "kind", "status")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("profile__city", "kind", "status", "n")
    ):
        if wanted_city and _city_key(city) != wanted_city:
            continue
        row = counts.setdefault(kind, [0, 0, 0])
        row[0] += n
        if status in ENGAGED_STATUSES:
            row[1] += n
        elif status == MatchStatus.DISMISSED:
            row[2] += n
    table = _table(
        _("Match quality: matches shown, saved or asked about, and dismissed"),
        [
            _column("shown", _("Matches shown"), unit="matches"),
            _column("saved", _("Saved or asked about"), unit="matches"),
            _column("dismissed", _("Dismissed"), unit="matches"),
            # xgettext:no-python-format
            _column("saved_share", _("Saved (% of shown)"), unit="percent"),
            # xgettext:no-python-format
            _column("dismissed_share", _("Dismissed (% of shown)"), unit="percent"),
        ],
        [(str(label), counts[kind]) for kind, label in OpportunityKind.choices],
    )
    for row in table["rows"]:
        shown, saved, dismissed = row["cells"]
        row["cells"] += [share(saved, shown), share(dismissed, shown)]
    return table


def _band(score: float) -> str:
    label = SCORE_BANDS[0][1]
    for floor, name in SCORE_BANDS:
        if score >= floor:
            label = name
    return label


def _match_outcomes(
    scope: QuerySet[User],
    everyone: dict[int, dict[str, Any]],
    date_from: Date,
    date_to: Date,
    in_city: Any,
) -> dict[str, Any]:
    """Which matches led to outcomes: women per (kind, score band), for the scorer to learn from."""
    women: dict[tuple[str, str], set[int]] = defaultdict(set)
    for woman_id, kind, score in Outcome.objects.filter(
        woman__in=scope.values("pk"),
        rejected_at__isnull=True,
        match__isnull=False,
        date__gte=date_from,
        date__lte=date_to,
    ).values_list("woman_id", "match__kind", "match__score"):
        if woman_id in everyone and in_city(everyone[woman_id]):
            women[(kind, _band(score))].add(woman_id)
    rows = [
        (f"{kind} {band}", [len(women[(kind, band)])])
        for kind in OpportunityKind.values
        for _floor, band in SCORE_BANDS
    ]
    return _table(
        _("Matches that led to an outcome (women per kind and score band)"),
        [_column("women", _("Women with an outcome"))],
        rows,
    )


def _breakdowns(
    selected: list[dict[str, Any]], firsts: list[tuple[dict[str, Any], str, Date]]
) -> dict[str, dict[str, Any]]:
    """Funnel and outcomes by origin region and by right to work, of women who opted in only."""
    out: dict[str, dict[str, Any]] = {}
    for attr, name, choices, funnel_title, outcomes_title in (
        (
            "origin",
            "origin",
            OriginRegion.choices,
            _("Funnel by origin region (only women who chose to be counted)"),
            _("First outcomes by origin region (only women who chose to be counted)"),
        ),
        (
            "rtw",
            "right_to_work",
            RightToWork.choices,
            _("Funnel by right to work (only women who chose to be counted)"),
            _("First outcomes by right to work (only women who chose to be counted)"),
        ),
    ):
        opted = [w for w in selected if w[attr]]
        opted_firsts = [f for f in firsts if f[0][attr]]
        out[f"funnel_by_{name}"] = _table(
            funnel_title,
            _stage_columns(),
            [
                (str(label), _count_stages(w for w in opted if w[attr] == key))
                for key, label in choices
            ],
            total=_count_stages(opted),
        )
        out[f"outcomes_by_{name}"] = _table(
            outcomes_title,
            _kind_columns(),
            [
                (str(label), _count_kinds(f for f in opted_firsts if f[0][attr] == key))
                for key, label in choices
            ],
            total=_count_kinds(opted_firsts),
        )
    return out


def _cell_text(cell: dict[str, Any]) -> str:
    if cell["suppressed"]:
        return "<5"
    return "" if cell["value"] is None else str(cell["value"])


def figures_as_csv_rows(figures: dict[str, Any]) -> list[list[str]]:
    """Flatten the figures to (table, row, column, value) with "<5" for hidden cells."""
    out = [["table", "row", "column", "value"]]
    for key in TABLES:
        table = figures[key]
        columns = [c["key"] for c in table["columns"]]
        body = [(row["label"], row["cells"]) for row in table["rows"]]
        if table["total"] is not None:
            body.append(("total", table["total"]))
        for label, cells in body:
            for column, cell in zip(columns, cells, strict=True):
                out.append([key, label, column, _cell_text(cell)])
    out.append(
        [
            "median_days_to_first_outcome",
            "total",
            "days",
            _cell_text(figures["median_days_to_first_outcome"]),
        ]
    )
    return out
