"""Pictures are stored the right way up, whatever orientation the camera recorded."""

from __future__ import annotations

import io

import pytest
from PIL import ExifTags, Image, ImageDraw, ImageOps

from tests.visitapp.media.samples import (
    GPS_MARKER,
    all_bytes,
    drawing_like,
    encode,
    gps_exif,
    is_red,
    opened,
    photo_like,
)
from visitapp.media import prepare_picture


def test_orientation_is_applied(gps_jpeg: bytes) -> None:
    picture = prepare_picture(gps_jpeg, "IMG_0001.jpg")

    assert (picture.width, picture.height) == (200, 400)  # stored 400 x 200, "turn right" on display
    image = opened(picture.data).convert("RGB")
    assert image.size == (200, 400)
    assert is_red(image.getpixel((190, 10)))  # the stored top-left corner is now top-right
    for corner in ((10, 10), (10, 390), (190, 390)):
        assert not is_red(image.getpixel(corner))
    thumb = opened(picture.thumbnail).convert("RGB")
    assert thumb.size == (128, 256)
    assert is_red(thumb.getpixel((123, 4)))


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_orientation_matches_pillows_exif_transpose(orientation: int) -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    source = encode(drawing_like((300, 200)), "PNG", exif=exif.tobytes())
    expected = ImageOps.exif_transpose(Image.open(io.BytesIO(source)))

    picture = prepare_picture(source, f"turned-{orientation}.png")

    assert picture.mime_type == "image/png"
    assert opened(picture.data).convert("RGB").tobytes() == expected.convert("RGB").tobytes()


def test_orientation_is_applied_to_a_downscaled_photo_too() -> None:
    image = Image.blend(photo_like((4000, 3000)), Image.new("RGB", (4000, 3000), (40, 80, 160)), 0.5)
    ImageDraw.Draw(image).rectangle((0, 0, 299, 299), fill=(255, 0, 0))
    source = encode(image, "JPEG", quality=90, exif=gps_exif(orientation=6))

    picture = prepare_picture(source, "big-turned.jpg")

    assert (picture.width, picture.height) == (1920, 2560)
    stored = opened(picture.data)
    assert is_red(stored.getpixel((1900, 20))) and not is_red(stored.getpixel((20, 20)))
    assert GPS_MARKER not in all_bytes(picture)
