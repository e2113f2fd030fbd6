"""A fair's times are written in the fair's own time zone unless they carry an offset."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone
from django.utils.dateparse import parse_datetime


def _zone(name: str | None) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None  # the model's own validation reports the bad zone name


def fair_local_time(raw: Any, parsed: datetime, zone_name: str | None) -> datetime:
    """`parsed` as the wall-clock time `raw` meant in the fair's zone, when `raw` had no offset.

    Parsers (DRF, Django forms) read a naive time in the server's zone (UTC); an organiser in
    Athens typing 09:30 means 09:30 in Athens. A time with an offset is kept as given.
    """
    zone = _zone(zone_name)
    if zone is None:
        return parsed
    if isinstance(raw, str):
        given = parse_datetime(raw.strip())
        if given is None or timezone.is_aware(given):
            return parsed
    elif isinstance(raw, datetime) and timezone.is_aware(raw):
        return parsed
    # raw None: a form field without an offset (the admin's date and time boxes)
    wall_clock = timezone.make_naive(parsed, timezone.get_current_timezone())
    return timezone.make_aware(wall_clock, zone)
