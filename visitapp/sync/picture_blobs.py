"""The vault's picture bytes (``picture_blobs``, addressed by SHA-256) as sync's blob store.

A picture fetched from the server was cleaned (metadata stripped, downscaled) on the laptop that took it; here
it is only measured and given a thumbnail, in memory, before it is stored. Bytes that are not a JPEG or PNG
are refused (nothing is stored).
"""

from __future__ import annotations

import io

from visitapp.store.clock import utc_now_iso
from visitapp.store.db import Connection

MIME = {"JPEG": "image/jpeg", "PNG": "image/png"}


class VaultPictures:
    def read(self, conn: Connection, sha256: str) -> bytes | None:
        row = conn.execute("SELECT data FROM picture_blobs WHERE sha256 = ?", (sha256,)).fetchone()
        return bytes(row[0]) if row else None

    def has(self, conn: Connection, sha256: str) -> bool:
        return conn.execute("SELECT 1 FROM picture_blobs WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def write(self, conn: Connection, child_id: str, sha256: str, data: bytes) -> None:
        from PIL import Image  # only when a picture actually arrives

        from visitapp.media import make_thumbnail

        with Image.open(io.BytesIO(data), formats=("JPEG", "PNG")) as image:
            mime, width, height = MIME[str(image.format)], image.width, image.height
        thumb, thumb_mime, thumb_w, thumb_h = make_thumbnail(data)
        conn.execute(
            "INSERT INTO picture_blobs (sha256, mime_type, width, height, byte_size, data, stored_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING",
            (sha256, mime, width, height, len(data), data, utc_now_iso()),
        )
        conn.execute(
            "INSERT INTO picture_thumbnails (sha256, mime_type, width, height, data) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(sha256) DO NOTHING",
            (sha256, thumb_mime, thumb_w, thumb_h, thumb),
        )
