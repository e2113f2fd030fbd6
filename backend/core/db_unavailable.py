"""A lost database answers 503 with Retry-After instead of a 500.

The outage is temporary (PostgreSQL restarting, a failover, a dropped connection): the client may
retry, and the next request opens a fresh connection, since Django closes the broken one when the
request ends. The page is plain HTML with no template, session or user lookup, because any of
those could need the database that just failed.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5

PAGE = (
    '<!doctype html><html lang="{}" dir="{}"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>{}</title></head><body><h1>{}</h1><p>{}</p></body></html>"
)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable for %s: %s", request.path, exception)
        message = _("The service is briefly unavailable. Please try again in a moment.")
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": message, "code": "service_unavailable"}, status=503)
        else:
            title = _("Service unavailable")
            page = format_html(
                PAGE,
                get_language() or "en",
                "rtl" if get_language_bidi() else "ltr",
                title,
                title,
                message,
            )
            response = HttpResponse(page, status=503, content_type="text/html; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
