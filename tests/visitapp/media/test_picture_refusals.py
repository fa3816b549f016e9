"""Files we refuse: each refusal is a PictureRefused whose message names the file in plain words."""

from __future__ import annotations

import random
import time

import pytest
from PIL import Image

from tests.visitapp.media.samples import encode, jpeg_declaring, photo_like, png_declaring
from visitapp.media import MAX_FILE_BYTES, PictureRefused, Reason, prepare_capture, prepare_picture


def refusal(data: bytes, name: str) -> PictureRefused:
    with pytest.raises(PictureRefused) as caught:
        prepare_picture(data, name)
    return caught.value


def test_bomb_png_declaring_a_huge_size_is_refused_before_decoding() -> None:
    bomb = png_declaring(100_000, 100_000)
    assert len(bomb) < 200  # tiny file, ten billion pixels claimed

    started = time.perf_counter()
    refused = refusal(bomb, "cute-cat.png")

    assert time.perf_counter() - started < 1  # refused from the header, not after trying to decode
    assert refused.reason is Reason.TOO_MANY_PIXELS
    assert "“cute-cat.png”" in str(refused)
    assert "far bigger than any camera photo" in str(refused)


def test_size_between_the_warning_and_error_limits_is_refused_too() -> None:
    # Pillow only *warns* between MAX_IMAGE_PIXELS and twice that; we refuse.
    refused = refusal(png_declaring(12_000, 12_000), "warn.png")

    assert refused.reason is Reason.TOO_MANY_PIXELS


def test_real_compressed_bomb_is_refused() -> None:
    # 11000 x 11000 black-and-white pixels of nothing deflate to a few kilobytes.
    bomb = encode(Image.new("1", (11_000, 11_000)), "PNG")
    assert len(bomb) < 100_000

    assert refusal(bomb, "bomb.png").reason is Reason.TOO_MANY_PIXELS


def test_jpeg_claiming_a_huge_frame_is_refused() -> None:
    assert refusal(jpeg_declaring(60_000, 60_000), "huge.jpg").reason is Reason.TOO_MANY_PIXELS


def test_truncated_jpeg_is_refused_as_damaged() -> None:
    whole = encode(photo_like((640, 480)), "JPEG", quality=90)
    Image.open(__import__("io").BytesIO(whole)).load()  # the whole file is fine

    refused = refusal(whole[: len(whole) // 2], "half-copied.jpg")

    assert refused.reason is Reason.DAMAGED
    assert str(refused).startswith("“half-copied.jpg” seems to be damaged or only partly copied")


def test_truncated_png_is_refused_as_damaged() -> None:
    whole = encode(photo_like((300, 300)), "PNG")

    assert refusal(whole[: len(whole) // 2], "half.png").reason is Reason.DAMAGED


def test_random_bytes_named_jpg_are_not_a_picture() -> None:
    noise = random.Random(7).randbytes(20_000)

    refused = refusal(noise, "C:\\Users\\worker\\Smith family\\photo.jpg")

    assert refused.reason is Reason.NOT_A_PICTURE
    assert "“photo.jpg”" in str(refused)
    assert "Smith family" not in str(refused)  # the file is named, its folders are not
    assert "JPEG, PNG and WebP" in str(refused)


def test_text_file_is_not_a_picture() -> None:
    notes = b"Visit notes, not a picture.\n" * 50

    assert refusal(notes, "notes.txt").reason is Reason.NOT_A_PICTURE


def test_empty_file_is_refused() -> None:
    refused = refusal(b"", "empty.jpg")

    assert refused.reason is Reason.EMPTY
    assert "empty" in str(refused)


def test_bytes_over_50_mb_are_refused_before_decoding() -> None:
    too_big = bytes(MAX_FILE_BYTES + 1)

    refused = refusal(too_big, "huge.png")

    assert refused.reason is Reason.TOO_BIG
    assert "“huge.png” is too big to add (50.0 MB). A picture can be up to 50 MB." == str(refused)


@pytest.mark.parametrize(
    ("fmt", "kind"), [("GIF", "GIF"), ("TIFF", "TIFF"), ("BMP", "BMP")], ids=["gif", "tiff", "bmp"]
)
def test_other_picture_kinds_are_named_in_the_refusal(fmt: str, kind: str) -> None:
    data = encode(Image.new("RGB", (20, 20), "blue"), fmt)

    refused = refusal(data, f"picture.{fmt.lower()}")

    assert refused.reason is Reason.UNSUPPORTED_KIND
    assert f"is a {kind} file, which VisitApp cannot keep" in str(refused)
    assert refused.details == {"kind": kind}


def test_avif_is_named_with_the_right_article() -> None:
    avif_head = b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + bytes(200)
    message = str(refusal(avif_head, "p.avif"))

    assert message.startswith("“p.avif” is an AVIF file, which VisitApp cannot keep.")


def test_heic_without_the_heif_library_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("visitapp.media.decode.accepted_formats", lambda: ("JPEG", "PNG", "WEBP"))
    heic_head = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200)

    refused = refusal(heic_head, "IMG_1234.HEIC")

    assert refused.reason is Reason.HEIC_UNAVAILABLE
    assert "“IMG_1234.HEIC” is an HEIC photo" in str(refused)


def test_capture_refusals_read_naturally() -> None:
    with pytest.raises(PictureRefused) as caught:
        prepare_capture(b"\x89PNG\r\n\x1a\n broken", "drawing")

    assert str(caught.value).startswith("The drawing seems to be damaged")


def test_refusal_carries_reason_and_details_for_translation() -> None:
    refused = refusal(png_declaring(100_000, 100_000), "x.png")

    assert refused.source_name == "x.png"
    assert refused.details == {"limit": 120}


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_broken_header_of_a_kind_we_keep_is_called_damaged(fmt: str) -> None:
    whole = encode(Image.new("RGB", (40, 40), "green"), fmt)

    assert refusal(whole[:14] + bytes(30), f"broken.{fmt.lower()}").reason is Reason.DAMAGED
