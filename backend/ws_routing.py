"""Every app's WebSocket routes, gathered in one list for the ASGI router."""

from django.urls import URLPattern, URLResolver

from mentoring.routing import websocket_urlpatterns as mentoring_ws

websocket_urlpatterns: list[URLPattern | URLResolver] = [*mentoring_ws]
