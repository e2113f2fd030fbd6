"""A fair's times are written in the fair's own time zone unless they carry an offset."""

from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone


def _zone(name: object) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if isinstance(name, str) and name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None  # the model's own validation reports the bad zone name


@contextmanager
def times_read_in(zone_name: object) -> Iterator[None]:
    """Parse date-times as wall-clock times in the fair's zone while this is open.

    DRF's and Django's date-time fields read a time without an offset in the current zone (the
    server's UTC); an organiser in Athens typing 09:30 means 09:30 in Athens. A time with an
    offset is kept as given either way.
    """
    zone = _zone(zone_name)
    if zone is None:
        yield
        return
    with timezone.override(zone):
        yield
