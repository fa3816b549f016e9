"""Importing files: sizes checked before reading, one bad file never stops a batch, originals untouched,
nothing written to any temporary folder."""

from __future__ import annotations

import os
import random
import sys
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from PIL import Image

from tests.visitapp.media.samples import drawing_like, encode, photo_like, png_declaring
from visitapp.media import (
    PictureRefused,
    Reason,
    check_file_size,
    import_batch,
    iter_import,
    prepare_capture,
    read_picture_file,
)

SPARSE_SIZE = 200 * 1024 * 1024
IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG", b"RIFF", b"GIF8")
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".gif", ".bmp", ".tif", ".tiff"}


@pytest.fixture
def sparse_file(tmp_path: Path) -> Path:
    path = tmp_path / "enormous.jpg"
    path.touch()
    os.truncate(path, SPARSE_SIZE)  # 200 MB long, no disk blocks used
    return path


@pytest.fixture
def mixed_folder(tmp_path: Path, gps_jpeg: bytes, sparse_file: Path) -> list[Path]:
    files = {
        "holiday.jpg": gps_jpeg,
        "noise.jpg": random.Random(3).randbytes(5000),
        "notes.txt": b"Not a picture at all.\n" * 40,
        "half.jpg": encode(photo_like((320, 240)), "JPEG")[:3000],
        "bomb.png": png_declaring(80_000, 80_000),
        "drawing.png": encode(drawing_like((400, 300)), "PNG"),
        "photo.webp": encode(photo_like((300, 200)), "WEBP"),
    }
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    return [*paths, sparse_file, tmp_path / "gone.jpg", tmp_path]


def test_sparse_200_mb_file_is_refused_by_size_without_reading_it(sparse_file: Path) -> None:
    with pytest.raises(PictureRefused) as caught:
        check_file_size(sparse_file)
    assert caught.value.reason is Reason.TOO_BIG
    assert str(caught.value) == "“enormous.jpg” is too big to add (200 MB). A picture can be up to 50 MB."

    tracemalloc.start()
    try:
        (result,) = import_batch([sparse_file])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not result.ok and result.refused is not None and result.refused.reason is Reason.TOO_BIG
    assert peak < 2 * 1024 * 1024  # nowhere near the 200 MB a read would have cost


def test_check_file_size_of_a_good_file(tmp_path: Path, gps_jpeg: bytes) -> None:
    path = tmp_path / "ok.jpg"
    path.write_bytes(gps_jpeg)

    assert check_file_size(path) == len(gps_jpeg)
    assert read_picture_file(path) == gps_jpeg


def test_batch_keeps_going_past_bad_files(mixed_folder: list[Path]) -> None:
    results = import_batch(mixed_folder)

    assert [r.path for r in results] == [str(p) for p in mixed_folder]
    outcome = {Path(r.path).name: (r.refused.reason if r.refused else "ok") for r in results}
    assert outcome == {
        "holiday.jpg": "ok",
        "noise.jpg": Reason.NOT_A_PICTURE,
        "notes.txt": Reason.NOT_A_PICTURE,
        "half.jpg": Reason.DAMAGED,
        "bomb.png": Reason.TOO_MANY_PIXELS,
        "drawing.png": "ok",
        "photo.webp": "ok",
        "enormous.jpg": Reason.TOO_BIG,
        "gone.jpg": Reason.NOT_FOUND,
        mixed_folder[-1].name: Reason.NOT_A_FILE,
    }
    for result in results:
        assert result.ok == (result.picture is not None) == (result.message is None)
        if result.message:
            assert f"“{Path(result.path).name}”" in result.message  # every refusal names its file
            assert str(Path(result.path).parent) not in result.message


def test_originals_are_left_exactly_as_they_were(mixed_folder: list[Path]) -> None:
    files = [p for p in mixed_folder if p.is_file() and p.name != "enormous.jpg"]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in files}

    import_batch(mixed_folder)

    assert {p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in files} == before
    assert sorted(p.name for p in mixed_folder[0].parent.iterdir()) == sorted(
        [p.name for p in files] + ["enormous.jpg"]
    )  # nothing added beside them either


def test_iter_import_yields_one_result_per_file(mixed_folder: list[Path]) -> None:
    results = iter_import(mixed_folder)

    first = next(results)
    assert first.ok and first.picture is not None and first.picture.width == 200
    assert len(list(results)) == len(mixed_folder) - 1


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are a POSIX test")
def test_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.jpg"
    os.mkfifo(pipe)

    (result,) = import_batch([pipe])

    assert result.refused is not None and result.refused.reason is Reason.NOT_A_FILE


def _files_under(root: str, skip: str) -> set[str]:
    found = set()
    for folder, dirs, names in os.walk(root, onerror=lambda _error: None):
        dirs[:] = [d for d in dirs if not os.path.join(folder, d).startswith(skip)]
        found.update(os.path.join(folder, n) for n in names)
    return found


def _looks_like_a_picture(path: str) -> bool:
    if Path(path).suffix.lower() in IMAGE_SUFFIXES:
        return True
    try:
        with open(path, "rb") as file:
            return file.read(8).startswith(IMAGE_SIGNATURES)
    except OSError:
        return False


def test_nothing_is_written_to_the_temp_folder(
    mixed_folder: list[Path], tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_temp = tempfile.gettempdir()
    ours = str(tmp_path_factory.getbasetemp())  # where this test keeps its input files
    before = _files_under(system_temp, skip=ours)
    private_temp = tmp_path_factory.mktemp("private-temp")
    monkeypatch.setattr(tempfile, "tempdir", str(private_temp))  # anything using tempfile lands here

    results = import_batch(mixed_folder)
    prepare_capture(encode(drawing_like((800, 600)), "PNG"), "drawing")
    prepare_capture(encode(Image.new("RGB", (640, 480), "gray"), "JPEG"), "camera photo")

    assert sum(r.ok for r in results) == 3
    assert list(private_temp.iterdir()) == []
    new_files = _files_under(system_temp, skip=ours) - before
    # Other programs may use the system temp folder meanwhile; none of what appeared may be a picture.
    assert [f for f in new_files if _looks_like_a_picture(f)] == []
