"""Which decoders we use: JPEG, PNG and WebP always; HEIC only when the optional pillow-heif is installed."""

from __future__ import annotations

import io
import sys
import types

import pytest
from PIL import Image

from tests.visitapp.media.samples import GPS_MARKER, encode, gps_exif, photo_like
from visitapp.media import (
    MAX_PIXELS,
    Reason,
    accepted_formats,
    heif_available,
    prepare_picture,
)
from visitapp.media import decode as decode_module


@pytest.fixture
def fresh_heif_detection() -> object:
    heif_available.cache_clear()
    yield
    heif_available.cache_clear()


def test_pillow_limit_is_ours() -> None:
    assert Image.MAX_IMAGE_PIXELS == MAX_PIXELS == decode_module.MAX_PIXELS


def test_heic_is_accepted_only_when_pillow_heif_is_importable(
    monkeypatch: pytest.MonkeyPatch, fresh_heif_detection: object
) -> None:
    registered: list[bool] = []
    fake = types.ModuleType("pillow_heif")
    fake.register_heif_opener = lambda: registered.append(True)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pillow_heif", fake)

    assert heif_available()
    assert accepted_formats() == ("JPEG", "PNG", "WEBP", "HEIF")
    assert heif_available() and registered == [True]  # registered once, then remembered


def test_without_pillow_heif_only_the_base_formats(
    monkeypatch: pytest.MonkeyPatch, fresh_heif_detection: object
) -> None:
    monkeypatch.setitem(sys.modules, "pillow_heif", None)  # makes the import fail

    assert not heif_available()
    assert accepted_formats() == ("JPEG", "PNG", "WEBP")


def test_broken_pillow_heif_does_not_stop_other_imports(
    monkeypatch: pytest.MonkeyPatch, fresh_heif_detection: object
) -> None:
    def broken() -> None:
        raise RuntimeError("libheif missing")

    fake = types.ModuleType("pillow_heif")
    fake.register_heif_opener = broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pillow_heif", fake)

    assert not heif_available()
    assert prepare_picture(encode(photo_like((100, 80)), "JPEG"), "ok.jpg").width == 100


def test_broken_heic_is_called_damaged_when_heic_can_be_opened() -> None:
    broken = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200)

    with_heif = decode_module._unrecognised(broken, "IMG_0008.HEIC", ("JPEG", "PNG", "WEBP", "HEIF"))
    without = decode_module._unrecognised(broken, "IMG_0008.HEIC", ("JPEG", "PNG", "WEBP"))

    assert (with_heif.reason, without.reason) == (Reason.DAMAGED, Reason.HEIC_UNAVAILABLE)


def test_real_heic_photo_when_pillow_heif_is_installed(fresh_heif_detection: object) -> None:
    pytest.importorskip("pillow_heif")
    assert heif_available()
    buffer = io.BytesIO()
    photo_like((640, 480)).save(buffer, "HEIF", exif=gps_exif(orientation=6), quality=90)

    picture = prepare_picture(buffer.getvalue(), "IMG_0007.HEIC")

    assert picture.mime_type == "image/jpeg"
    assert (picture.width, picture.height) == (480, 640)
    assert GPS_MARKER not in picture.data
