"""The live chat socket: /ws/conversations/<id>/ for the two members of a mentorship.

Frames are JSON objects with a `type`. Writes go through services (saved, then broadcast after commit);
the consumer only parses frames, calls one service or selector, and forwards group events.
"""

import json
import logging
import time
from typing import Any
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mentoring import selectors, services

logger = logging.getLogger(__name__)

CLOSE_ANONYMOUS = 4401
# The same code for "no such conversation", "not a member" and "blocked": an outsider learns nothing.
CLOSE_NOT_ALLOWED = 4403
CATCH_UP_BATCH = 200
TYPING_MIN_INTERVAL = 1.0
# A message is at most 4000 characters; even all \uXXXX-escaped it fits in 32k. Larger frames
# are refused before parsing, so nobody can make the server decode megabytes of JSON.
MAX_FRAME_CHARS = 32_000


def _db_parallel(func: Any) -> Any:
    """Run a write in the thread pool rather than the one shared database thread.

    Sends from many sockets then overlap their database round trips (each pool thread has its own
    connection) instead of queueing behind each other; correctness comes from the row lock in
    message_send. SQLite allows one writer at a time, so there the shared thread stays.
    """
    return database_sync_to_async(
        func, thread_sensitive=not getattr(settings, "USING_POSTGRES", False)
    )


def _error_code(exc: ValidationError) -> tuple[str, str]:
    """The first (code, message) of a service's ValidationError, for an error frame."""
    if hasattr(exc, "error_dict"):
        for errors in exc.error_dict.values():
            for error in errors:
                return error.code or "invalid", str(error.messages[0])
    first = exc.error_list[0]
    return first.code or "invalid", str(first.messages[0])


def _is_id(value: object) -> bool:
    # Bounded by the database's bigint: a larger number would fail in the query, not here.
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63


class ConversationConsumer(AsyncJsonWebsocketConsumer):
    group: str | None = None
    counted = False
    closing = False
    last_sent_id = 0
    last_typing = 0.0

    async def dispatch(self, message: dict[str, Any]) -> None:
        """As Channels' own, without its close_old_connections before every handler.

        That call hops to the one shared sync thread for each frame and each group event, so under
        load every socket of the process queued behind it (the chat bench's p99 went to seconds).
        This consumer touches the database only through database_sync_to_async, which checks its
        connection in its own thread before and after each call.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self) -> None:
        user = self.scope.get("user")
        # Accept, then close: a close before the handshake reaches the client as a bare HTTP 403,
        # and the client could not tell "log in" from "not allowed".
        if user is None or not user.is_authenticated:
            await self._refuse(CLOSE_ANONYMOUS)
            return
        conversation_id = int(self.scope["url_route"]["kwargs"]["conversation_id"])
        access = await database_sync_to_async(selectors.chat_access)(
            user=user, conversation_id=conversation_id
        )
        if access is None:
            await self._refuse(CLOSE_NOT_ALLOWED)
            return
        self.user = user
        self.conversation_id = conversation_id
        # Anything committed after this snapshot reaches her by broadcast or by the gap catch-up.
        self.last_sent_id = access.last_message_id
        self.group = services.conversation_group(conversation_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await database_sync_to_async(services.conversation_presence_change)(
            user_id=user.pk, conversation_id=conversation_id, delta=1
        )
        self.counted = True
        after = self._after_from_query()
        if after == "invalid":
            await self._error("invalid_after", _("after must be a message id."))
        elif after is not None:
            self.last_sent_id = after
            await self._catch_up()

    async def _refuse(self, code: int) -> None:
        self.closing = True
        await self.accept()
        await self.close(code=code)

    def _after_from_query(self) -> int | str | None:
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        values = query.get("after")
        if not values:
            return None
        return int(values[0]) if values[0].isdigit() else "invalid"

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            # When the channel layer fails (Redis restarting), the consumer dies without a
            # disconnect; her open-socket count must still go down, or she is never emailed again.
            await self._leave()

    async def disconnect(self, code: int) -> None:
        await self._leave()

    async def _leave(self) -> None:
        if self.counted:
            self.counted = False
            await database_sync_to_async(services.conversation_presence_change)(
                user_id=self.user.pk, conversation_id=self.conversation_id, delta=-1
            )
        if self.group:
            group, self.group = self.group, None
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except Exception:  # Redis down: the membership expires there by itself
                logger.warning("could not leave %s", group, exc_info=True)

    # --- client -> server -------------------------------------------------------------------------

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.closing:
            return
        if text_data is None:
            await self._error("invalid_frame", _("Send JSON text frames."))
            return
        if len(text_data) > MAX_FRAME_CHARS:
            await self._error("frame_too_large", _("This frame is too large."))
            return
        try:
            content = json.loads(text_data)
        except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
            await self._error("invalid_json", _("This frame is not valid JSON."))
            return
        if not isinstance(content, dict):
            await self._error("invalid_frame", _("A frame must be a JSON object with a type."))
            return
        try:
            await self.receive_json(content)
        except Exception:  # one bad frame must not take the connection down
            logger.exception("chat frame failed in conversation %s", self.conversation_id)
            await self._error("server_error", _("Something went wrong; try again."))

    async def receive_json(self, content: dict[str, Any], **kwargs: Any) -> None:
        handler = (
            {
                "message": self._on_message,
                "read": self._on_read,
                "typing": self._on_typing,
                "resume": self._on_resume,
            }.get(kind)
            if isinstance(kind := content.get("type"), str)
            else None
        )
        if handler is None:
            await self._error(
                "unknown_type", _("type must be one of: message, read, typing, resume.")
            )
            return
        await handler(content)

    async def _on_message(self, content: dict[str, Any]) -> None:
        client_id = content.get("client_id")
        try:
            message, _created, event = await _db_parallel(services.message_save)(
                user=self.user,
                conversation_id=self.conversation_id,
                client_id=client_id,
                text=content.get("text"),
            )
        except ValidationError as exc:
            code, text = _error_code(exc)
            await self._error(code, text, client_id=client_id)
            if code == "blocked":
                await self._close_for_block()
            return
        if event is not None:
            # Committed by now. Sent from this loop rather than from the database thread, which
            # would otherwise sit idle (holding a connection) while this loop does the sending.
            try:
                await self.channel_layer.group_send(self.group, event)
            except Exception:
                # Saved all the same: the peer gets it with the next message (its prev_id shows
                # the gap) or when it reconnects; the sender must not resend it.
                logger.warning(
                    "broadcast failed in conversation %s", self.conversation_id, exc_info=True
                )
        await self.send_json({"type": "ack", "client_id": message.client_id, "id": message.pk})

    async def _on_read(self, content: dict[str, Any]) -> None:
        try:
            await _db_parallel(services.conversation_mark_read)(
                user=self.user, conversation_id=self.conversation_id, up_to=content.get("up_to")
            )
        except ValidationError as exc:
            await self._error(*_error_code(exc))

    async def _on_typing(self, content: dict[str, Any]) -> None:
        now = time.monotonic()
        if now - self.last_typing < TYPING_MIN_INTERVAL:
            return  # a keystroke indicator, not data: extra ones within a second add nothing
        self.last_typing = now
        await self.channel_layer.group_send(
            self.group, {"type": "chat.typing", "user": self.user.pk}
        )

    async def _on_resume(self, content: dict[str, Any]) -> None:
        after = content.get("after")
        if not _is_id(after):
            await self._error("invalid_after", _("after must be a message id."))
            return
        self.last_sent_id = after
        await self._catch_up()

    # --- group events -> client -------------------------------------------------------------------

    async def chat_message(self, event: dict[str, Any]) -> None:
        if self.closing:
            return
        frame = event["message"]
        if frame["id"] <= self.last_sent_id:
            return  # already sent by a catch-up
        if event["prev_id"] > self.last_sent_id:
            # A broadcast was overtaken (or missed while joining): send everything in id order.
            await self._catch_up()
            return
        self.last_sent_id = frame["id"]
        await self.send_json(frame)

    async def chat_read(self, event: dict[str, Any]) -> None:
        if not self.closing:
            await self.send_json({"type": "read", "user": event["user"], "up_to": event["up_to"]})

    async def chat_typing(self, event: dict[str, Any]) -> None:
        if not self.closing and event["user"] != self.user.pk:
            await self.send_json({"type": "typing", "user": event["user"]})

    async def chat_blocked(self, event: dict[str, Any]) -> None:
        await self._close_for_block()

    # --- helpers ----------------------------------------------------------------------------------

    async def _close_for_block(self) -> None:
        if self.closing:
            return
        self.closing = True
        await self.close(code=CLOSE_NOT_ALLOWED)

    async def _catch_up(self) -> None:
        while True:
            frames = await _db_parallel(selectors.messages_after)(
                conversation_id=self.conversation_id,
                after_id=self.last_sent_id,
                limit=CATCH_UP_BATCH,
            )
            for frame in frames:
                await self.send_json(frame)
                self.last_sent_id = frame["id"]  # type: ignore[assignment]
            if len(frames) < CATCH_UP_BATCH:
                return

    async def _error(self, code: str, message: str, **extra: Any) -> None:
        frame: dict[str, Any] = {"type": "error", "code": code, "message": str(message)}
        frame.update({k: v for k, v in extra.items() if v is not None})
        await self.send_json(frame)
