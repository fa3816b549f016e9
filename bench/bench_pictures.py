"""Picture pipeline figures: preparing camera photos (decode, orient, strip, downscale, re-encode, thumbnail),
what it does to their size, re-making a thumbnail, a drawing from the screen, refusing a bomb.

The issue's target (12 MP import <= 0.6 s) covers encrypt and store too; the figures here are the part before
the vault, so the store has what is left of the budget.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable

from PIL import ExifTags, Image, ImageDraw

from bench.common import median, ms, percentile, verdict
from visitapp.media import PictureRefused, make_thumbnail, prepare_capture, prepare_picture

IMPORT_TARGET_S = 0.6
BUDGET_S = 40.0  # the whole benchmark stays well under a minute


def _camera_photo(size: tuple[int, int], seed: int = 12) -> bytes:
    """A JPEG like a phone's: smooth colour areas, fine detail, sensor grain, EXIF with GPS, turned right."""
    rng = random.Random(seed)
    small = Image.new("RGB", (80, 60))
    small.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(80 * 60)])
    base = small.resize(size, Image.Resampling.BICUBIC)
    detail = Image.effect_noise((size[0] // 4, size[1] // 4), 60).resize(size, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(size, 8)
    image = Image.blend(Image.blend(base, detail.convert("RGB"), 0.25), grain.convert("RGB"), 0.12)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Bench phone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.1)
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.9)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif.tobytes())
    return buffer.getvalue()


def _drawing(size: tuple[int, int]) -> bytes:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    rng = random.Random(5)
    for _ in range(60):
        points = [(rng.randrange(size[0]), rng.randrange(size[1])) for _ in range(8)]
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.line(points, fill=colour, width=rng.choice((6, 14, 28)), joint="curve")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _bomb() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (11_000, 11_000)).save(buffer, "PNG")
    return buffer.getvalue()


def _samples(action: Callable[[], object], runs: int, deadline: float) -> list[float]:
    samples: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
        if time.perf_counter() > deadline and len(samples) >= 3:
            break
    return samples


def run() -> list[tuple[str, str]]:
    deadline = time.perf_counter() + BUDGET_S
    figures: list[tuple[str, str]] = []

    photo = _camera_photo((4000, 3000))
    prepared = prepare_picture(photo, "IMG_0001.jpg")  # warm-up, and the output we describe
    times = _samples(lambda: prepare_picture(photo, "IMG_0001.jpg"), 20, deadline)
    p50, p95 = median(times), percentile(times, 95)
    figures += [
        ("12 MP camera JPEG in", f"4000 x 3000, {len(photo) / 1e6:.2f} MB, EXIF + GPS, orientation 6"),
        (
            "  prepared p50",
            f"{ms(p50)} ({verdict(p50, IMPORT_TARGET_S)} of {IMPORT_TARGET_S} s for a whole import)",
        ),
        ("  prepared p95", f"{ms(p95)} over {len(times)} runs"),
        ("  share of the 0.6 s import left for encrypt + store", ms(max(0.0, IMPORT_TARGET_S - p95))),
        (
            "  kept",
            f"{prepared.width} x {prepared.height} {prepared.mime_type}, {len(prepared.data) / 1e6:.2f} MB",
        ),
        ("  output / input bytes", f"{len(prepared.data) / len(photo):.2f}"),
        (
            "  thumbnail",
            f"{prepared.thumbnail_width} x {prepared.thumbnail_height}, {len(prepared.thumbnail)} bytes",
        ),
    ]

    thumb_times = _samples(lambda: make_thumbnail(prepared.data), 20, deadline)
    figures.append(
        (
            "thumbnail re-made from a kept picture p50 / p95",
            f"{ms(median(thumb_times))} / {ms(percentile(thumb_times, 95))}",
        )
    )

    big = _camera_photo((8000, 6000), seed=48)
    big_times = _samples(lambda: prepare_picture(big, "IMG_0048.jpg"), 5, deadline)
    figures.append(
        (
            f"48 MP camera JPEG ({len(big) / 1e6:.1f} MB) prepared p50",
            f"{ms(median(big_times))} (decoded at half scale)",
        )
    )

    drawing = _drawing((1920, 1200))
    kept = prepare_capture(drawing, "drawing")
    draw_times = _samples(lambda: prepare_capture(drawing, "drawing"), 10, deadline)
    figures.append(
        (
            "drawing 1920 x 1200 from the screen p50",
            f"{ms(median(draw_times))}, kept as {kept.mime_type}, {len(kept.data) // 1024} KB",
        )
    )

    bomb = _bomb()

    def refuse_bomb() -> None:
        try:
            prepare_picture(bomb, "bomb.png")
        except PictureRefused:
            return
        raise AssertionError("the bomb was not refused")

    bomb_times = _samples(refuse_bomb, 20, deadline)
    figures.append(
        (f"bomb refused ({len(bomb) // 1024} KB file, 121 MP declared) p50", ms(median(bomb_times)))
    )
    return figures


if __name__ == "__main__":
    for label, value in run():
        print(f"{label:<55} {value}")
