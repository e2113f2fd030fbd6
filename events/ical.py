"""iCalendar (.ics) files for a fair and for a woman's interview schedule."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from events.models import Booking, Fair

PRODID = "-//Pathways//Job fairs//EN"


def _uid(kind: str, pk: int) -> str:
    # Stable across downloads, so calendar apps update the event instead of duplicating it.
    domain = getattr(settings, "ICAL_UID_DOMAIN", "pathways.local")
    return f"{kind}-{pk}@{domain}"


def _calendar() -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    return cal


def fair_ics(*, fair: Fair) -> bytes:
    zone = ZoneInfo(fair.timezone)
    cal = _calendar()
    event = Event()
    event.add("uid", _uid("fair", fair.pk))
    event.add("dtstamp", timezone.now())
    event.add("summary", fair.title)
    event.add("dtstart", fair.starts_at.astimezone(zone))
    event.add("dtend", fair.ends_at.astimezone(zone))
    event.add("location", fair.location_text)
    if fair.description:
        event.add("description", fair.description)
    if fair.online_url:
        event.add("url", fair.online_url)
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def schedule_ics(*, bookings: list[Booking]) -> bytes:
    cal = _calendar()
    for booking in bookings:
        slot = booking.slot
        zone = ZoneInfo(slot.fair.timezone)
        event = Event()
        event.add("uid", _uid("interview", booking.pk))
        event.add("dtstamp", timezone.now())
        title = slot.role.title if slot.role else slot.organisation.name
        event.add("summary", f"{slot.organisation.name}: {title}")
        event.add("dtstart", slot.starts_at.astimezone(zone))
        event.add("dtend", slot.ends_at.astimezone(zone))
        event.add("location", f"{slot.fair.title} — {slot.fair.location_text}")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
