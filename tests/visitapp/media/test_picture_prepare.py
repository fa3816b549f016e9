"""What the vault keeps: oriented pixels, no metadata at all, a sensible size and format, a thumbnail."""

from __future__ import annotations

import hashlib
import io

from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from tests.visitapp.media.samples import (
    CAMERA_MARKER,
    COMMENT_MARKER,
    GPS_MARKER,
    TEXT_MARKER,
    XMP_MARKER,
    all_bytes,
    assert_no_metadata,
    drawing_like,
    encode,
    gps_exif,
    opened,
    photo_like,
    srgb_icc,
    swapped_primaries_icc,
)
from visitapp.media import MAX_LONG_SIDE, THUMB_LONG_SIDE, prepare_capture, prepare_picture


def test_gps_photo_is_stored_with_no_metadata_at_all(gps_jpeg: bytes) -> None:
    source = Image.open(io.BytesIO(gps_jpeg))
    assert {"exif", "icc_profile", "xmp", "comment"} <= set(source.info)  # the test photo really carries them
    assert GPS_MARKER in gps_jpeg

    picture = prepare_picture(gps_jpeg, "IMG_0001.jpg")

    assert_no_metadata(picture.data)
    assert_no_metadata(picture.thumbnail)
    everything = all_bytes(picture)
    for secret in (GPS_MARKER, XMP_MARKER, COMMENT_MARKER, CAMERA_MARKER.encode(), b"Exif", b"ICC_PROFILE"):
        assert secret not in everything
    gps_ifd = Image.Exif()
    gps_ifd.load(gps_exif())
    latitude = gps_ifd.get_ifd(0x8825)[2]
    assert latitude == (51.0, 30.0, 26.123)
    assert b"\x00\x00\x00\x33\x00\x00\x00\x01" not in everything  # 51/1 as a big-endian EXIF rational


def test_photo_result_fields(gps_jpeg: bytes) -> None:
    picture = prepare_picture(gps_jpeg, "IMG_0001.jpg")

    assert picture.mime_type == "image/jpeg"
    assert picture.sha256 == hashlib.sha256(picture.data).hexdigest()
    assert opened(picture.data).format == "JPEG"
    assert picture.thumbnail_mime_type == "image/jpeg"
    assert (picture.thumbnail_width, picture.thumbnail_height) == opened(picture.thumbnail).size
    shown = repr(picture)  # no picture content (or file path) in logs
    assert (
        "data=" not in shown and "thumbnail=" not in shown and "\\x" not in shown and "IMG_0001" not in shown
    )


def test_png_text_chunks_and_profile_are_dropped() -> None:
    info = PngInfo()
    info.add_text("Comment", TEXT_MARKER.decode())
    info.add_text("Author", TEXT_MARKER.decode() + " zipped", zip=True)
    info.add_itxt("Description", TEXT_MARKER.decode() + " international")
    source = encode(drawing_like((600, 400)), "PNG", pnginfo=info, icc_profile=srgb_icc(), exif=gps_exif())
    assert TEXT_MARKER in source and GPS_MARKER in source

    picture = prepare_picture(source, "drawing.png")

    assert picture.mime_type == "image/png"  # flat colours and lines: kept losslessly
    assert_no_metadata(picture.data)
    assert TEXT_MARKER not in all_bytes(picture) and GPS_MARKER not in all_bytes(picture)
    assert opened(picture.data).convert("RGB").tobytes() == drawing_like((600, 400)).tobytes()


def test_webp_photo_is_kept_as_jpeg_without_metadata() -> None:
    source = encode(
        photo_like((800, 600)), "WEBP", quality=80, exif=gps_exif(), xmp=XMP_MARKER, icc_profile=srgb_icc()
    )
    assert GPS_MARKER in source and XMP_MARKER in source

    picture = prepare_picture(source, "photo.webp")

    assert picture.mime_type == "image/jpeg"
    assert (picture.width, picture.height) == (800, 600)
    assert_no_metadata(picture.data)
    assert GPS_MARKER not in all_bytes(picture) and XMP_MARKER not in all_bytes(picture)


def test_lossless_webp_drawing_is_kept_as_png() -> None:
    source = encode(drawing_like((500, 300)), "WEBP", lossless=True)

    picture = prepare_picture(source, "drawing.webp")

    assert picture.mime_type == "image/png"
    assert opened(picture.data).tobytes() == drawing_like((500, 300)).tobytes()


def test_big_camera_photo_is_scaled_to_2560_on_the_long_side() -> None:
    source = encode(photo_like((6000, 4000)), "JPEG", quality=85)

    picture = prepare_picture(source, "big.jpg")

    assert (picture.width, picture.height) == (MAX_LONG_SIDE, 1707)
    assert opened(picture.data).size == (MAX_LONG_SIDE, 1707)
    assert (picture.thumbnail_width, picture.thumbnail_height) == (THUMB_LONG_SIDE, 171)
    assert len(picture.data) < len(source)


def test_tall_png_is_scaled_by_its_long_side() -> None:
    picture = prepare_picture(encode(drawing_like((1000, 3000)), "PNG"), "tall.png")

    assert (picture.width, picture.height) == (853, MAX_LONG_SIDE)


def test_transparency_is_kept_in_png() -> None:
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    image.paste((30, 160, 60, 255), (50, 50, 150, 150))

    picture = prepare_picture(encode(image, "PNG"), "sticker.png")

    assert picture.mime_type == "image/png" and picture.thumbnail_mime_type == "image/png"
    assert opened(picture.data).mode == "RGBA"
    assert opened(picture.data).getpixel((0, 0))[3] == 0


def test_colour_profile_is_applied_to_the_pixels_before_it_is_dropped() -> None:
    # A phone photo may say its colours are (say) Display P3; dropping that without converting would shift
    # them. With a profile that swaps red and green, stored red pixels must come out green.
    icc = swapped_primaries_icc()
    assert (
        ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(icc))).strip()
        == "Swapped primaries"
    )
    source = encode(Image.new("RGB", (64, 64), (255, 0, 0)), "PNG", icc_profile=icc)

    picture = prepare_picture(source, "p3-photo.png")

    assert_no_metadata(picture.data)
    r, g, b = opened(picture.data).convert("RGB").getpixel((32, 32))
    assert g > 200 and r < 60 and b < 60, (r, g, b)


def test_same_input_gives_same_bytes_and_address(gps_jpeg: bytes) -> None:
    first = prepare_picture(gps_jpeg, "a.jpg")
    second = prepare_picture(gps_jpeg, "b/c/renamed.jpg")

    assert first.sha256 == second.sha256
    assert first.data == second.data and first.thumbnail == second.thumbnail


def test_drawing_from_the_screen_is_kept_losslessly() -> None:
    canvas = drawing_like((1280, 800))

    picture = prepare_capture(encode(canvas, "PNG"), "drawing")

    assert picture.mime_type == "image/png"
    assert opened(picture.data).tobytes() == canvas.tobytes()
    assert_no_metadata(picture.data)


def test_camera_frame_is_kept_as_jpeg_without_metadata() -> None:
    frame = encode(photo_like((1920, 1080)), "JPEG", quality=92, exif=gps_exif(orientation=6))

    picture = prepare_capture(frame, "camera photo")

    assert picture.mime_type == "image/jpeg"
    assert (picture.width, picture.height) == (1080, 1920)
    assert_no_metadata(picture.data)
    assert GPS_MARKER not in all_bytes(picture)


def test_camera_frame_with_alpha_is_flattened_on_white() -> None:
    frame = Image.new("RGBA", (100, 100), (0, 0, 0, 0))

    picture = prepare_capture(encode(frame, "PNG"), "camera photo")

    assert picture.mime_type == "image/jpeg"
    assert opened(picture.data).getpixel((50, 50)) == (255, 255, 255)
