"""The baselines the picture upload is measured against, each run as a server in a process of its own (as
the sync server runs): ``python -m bench.http_baselines plain|durable PORT FOLDER``.

- ``plain``: a minimal ASGI handler that reads the whole request body and answers 204. It keeps nothing.
- ``durable``: the least a server that keeps what it accepts must do. It hashes the body and writes it to a
  file with fsync before answering 204 (no database, no authorisation, no resume), off the event loop as the
  real server does, so uploads at once overlap.

Both are served by the same uvicorn as the sync server, listening the same way (host and port).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn

Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]


async def _read_body(receive: Receive) -> bytes:
    parts, more = [], True
    while more:
        message = await receive()
        parts.append(message.get("body", b""))
        more = message.get("more_body", False)
    return b"".join(parts)


async def _no_content(send: Send) -> None:
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


async def plain_put(scope: dict[str, Any], receive: Receive, send: Send) -> None:
    if scope["type"] != "http":
        return
    more = True
    while more:  # read and drop: not even joined
        message = await receive()
        more = message.get("more_body", False)
    await _no_content(send)


def durable_put(folder: Path) -> Callable[..., Any]:
    def keep(body: bytes) -> None:
        with open(folder / hashlib.sha256(body).hexdigest(), "wb") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())

    async def handler(scope: dict[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = await _read_body(receive)
        await asyncio.to_thread(keep, body)
        await _no_content(send)

    return handler


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in ("plain", "durable") or not argv[1].isdigit():
        print("usage: python -m bench.http_baselines plain|durable PORT FOLDER", file=sys.stderr)
        return 2
    kind, port, folder = argv[0], int(argv[1]), Path(argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    app = plain_put if kind == "plain" else durable_put(folder)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
