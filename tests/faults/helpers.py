"""Fault-test tools: a chat client that recovers like the web client, a TCP proxy that can be cut."""

import asyncio
import contextlib
import json
import socket
import threading
import time

import websockets

from tests.servers import chat_connect

# What a client reconnects after: the socket dropped, the handshake refused or timed out.
RETRYABLE = (OSError, websockets.ConnectionClosed, websockets.InvalidHandshake, TimeoutError)


class ResilientChat:
    """Every message frame it is given, in arrival order; reconnects with ?after=<last seen id>.

    Like the web client, it reconnects when the socket closes and resends an unacknowledged message
    with the same client_id; it never reconnects on silence, so a stalled socket fails the test.
    """

    def __init__(self, base: str, conversation_id: int, token: str, deadline: float) -> None:
        self.base = base
        self.conversation_id = conversation_id
        self.token = token
        self.deadline = deadline
        self.received: list[int] = []
        self.reconnects = 0
        self.server_errors = 0
        self.ws = None  # type: ignore[var-annotated]

    def _check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise AssertionError("the chat did not recover in time")

    async def connect(self) -> None:
        while True:
            self._check_time()
            after = self.received[-1] if self.received else None
            try:
                self.ws = await chat_connect(self.base, self.conversation_id, self.token, after)
                return
            except RETRYABLE:
                await asyncio.sleep(0.2)

    async def reconnect(self) -> None:
        self.reconnects += 1
        if self.ws is not None:
            await self.ws.close()
        await self.connect()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def _note(self, frame: dict) -> None:
        if frame["type"] == "message":
            self.received.append(frame["id"])

    async def _next_frame(self, timeout: float) -> dict:
        frame = json.loads(await asyncio.wait_for(self.ws.recv(), timeout=timeout))
        self._note(frame)
        return frame

    async def send(self, client_id: str, text: str) -> int:
        """Send until acknowledged (a resend with the same client_id is how the protocol retries)."""
        while True:
            self._check_time()
            try:
                await self.ws.send(
                    json.dumps({"type": "message", "client_id": client_id, "text": text})
                )
                while True:
                    frame = await self._next_frame(timeout=5)
                    if frame["type"] == "ack" and frame["client_id"] == client_id:
                        return frame["id"]
                    if frame["type"] == "error":
                        assert frame.get("code") == "server_error", frame
                        self.server_errors += 1
                        await asyncio.sleep(0.2)
                        break
            except TimeoutError as exc:
                # The web client waits for an answer on an open socket; silence there is a bug.
                raise AssertionError(f"no ack nor error for {client_id} on an open socket") from exc
            except RETRYABLE:
                await self.reconnect()

    async def wait_for(self, message_id: int) -> None:
        """Read until that message has arrived, reconnecting only when the socket closes.

        Like the web client, it does not reconnect on silence: an open socket that stopped
        receiving is the failure this is here to catch.
        """
        while not self.received or self.received[-1] < message_id:
            self._check_time()
            try:
                await self._next_frame(timeout=max(0.1, self.deadline - time.monotonic()))
            except TimeoutError as exc:
                raise AssertionError(f"message {message_id} never reached an open socket") from exc
            except RETRYABLE:
                await self.reconnect()


class CuttableProxy:
    """A loopback TCP proxy to PostgreSQL that can drop every connection and refuse new ones.

    Cutting it is what the app sees when the database host goes away: open connections break and
    reconnecting fails, until restore().
    """

    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.refusing = False
        self.lock = threading.Lock()
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            if self.refusing:
                client.close()
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.refusing = True
        with self.lock:
            for s in self.open:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self.open.clear()

    def restore(self) -> None:
        self.refusing = False

    def close(self) -> None:
        self.cut()
        self.listener.close()
