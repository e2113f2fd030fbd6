"""Every app's WebSocket routes, gathered in one list for the ASGI router."""

from django.urls import URLPattern, URLResolver

websocket_urlpatterns: list[URLPattern | URLResolver] = []

try:
    from mentoring.routing import websocket_urlpatterns as mentoring_ws
except ImportError:  # the mentoring app has no live routes yet
    mentoring_ws = []

websocket_urlpatterns += mentoring_ws
