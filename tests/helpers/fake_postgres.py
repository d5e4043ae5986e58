"""A stand-in PostgreSQL server that refuses every connection the way a real one would.

The test server trusts everybody, so a refused password cannot be had from it; this one speaks
just enough of the protocol (the SSL and GSS probes, the start-up message, a password request)
to send back the server's error, so that the message a user gets is read from libpq itself.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

_SSL_REQUEST = 80877103
_GSS_REQUEST = 80877104


def _read(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise ConnectionError("client went away")
        data += chunk
    return data


def _error(sqlstate: str, message: str) -> bytes:
    fields = b"".join(
        code + value.encode() + b"\0"
        for code, value in ((b"S", "FATAL"), (b"V", "FATAL"), (b"C", sqlstate), (b"M", message))
    )
    body = fields + b"\0"
    return b"E" + struct.pack("!I", len(body) + 4) + body


def _answer(conn: socket.socket, sqlstate: str, message: str, ask_password: bool) -> None:
    while True:
        length, code = struct.unpack("!II", _read(conn, 8))
        if code in (_SSL_REQUEST, _GSS_REQUEST):
            conn.sendall(b"N")  # no encryption: carry on in the clear
            continue
        _read(conn, length - 8)  # the start-up message: user, database, options
        break
    if ask_password:
        conn.sendall(b"R" + struct.pack("!II", 8, 3))  # AuthenticationCleartextPassword
        kind = _read(conn, 1)
        (length,) = struct.unpack("!I", _read(conn, 4))
        _read(conn, length - 4)
        assert kind == b"p"
    conn.sendall(_error(sqlstate, message))


@contextmanager
def refusing_server(sqlstate: str, message: str, *, ask_password: bool = False) -> Iterator[int]:
    """Listen on a free local port (yielded) and refuse every connection with this error."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(5)
                with suppress(ConnectionError, TimeoutError):
                    _answer(conn, sqlstate, message, ask_password)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        listener.close()
