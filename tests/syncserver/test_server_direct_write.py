"""New picture files written past the page cache (``O_DIRECT``): the bytes on disk are exactly the picture's,
whatever its length and whatever the reused buffer held before, and a file system that refuses direct writes
gets an ordinary write with nothing lost."""

from __future__ import annotations

import errno
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from syncserver import direct_write

needs_o_direct = pytest.mark.skipif(not hasattr(os, "O_DIRECT"), reason="this system has no O_DIRECT")


def write(path: Path, data: bytes, parts: list[bytes] | None = None) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        direct_write.write_new_file(fd, [data] if parts is None else parts)
        os.fsync(fd)
    finally:
        os.close(fd)


SMALLEST, ALIGN = direct_write.SMALLEST, direct_write.ALIGN
SIZES = [0, 1, SMALLEST - 1, SMALLEST, 1_000_000, 256 * ALIGN, 2**23 + 1]


@pytest.mark.parametrize("size", SIZES)
def test_the_file_holds_exactly_the_bytes_written(tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    write(tmp_path / "picture", data)
    assert (tmp_path / "picture").read_bytes() == data


@pytest.mark.parametrize("direct", [True, False], ids=["direct", "ordinary"])
def test_parts_are_written_one_after_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, direct: bool
) -> None:
    # A request body comes in parts of any size (a socket read each), empty ones included.
    data = os.urandom(1_000_003)
    cuts = [0, 0, 1, 4095, 4097, 65536, 300_000, 300_000, 999_999, 1_000_003]
    parts = [data[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
    if not direct:
        monkeypatch.setattr(direct_write, "_O_DIRECT", 0)
    write(tmp_path / "picture", data, parts)
    assert (tmp_path / "picture").read_bytes() == data


def test_a_reused_buffer_leaves_nothing_of_the_last_picture(tmp_path: Path) -> None:
    big, small = os.urandom(2_000_000), os.urandom(direct_write.SMALLEST + 5)
    write(tmp_path / "big", big)
    write(tmp_path / "small", small)  # into the buffer the big one used, cut to its own length
    assert (tmp_path / "small").read_bytes() == small
    assert (tmp_path / "big").read_bytes() == big


@needs_o_direct
def test_a_file_system_that_refuses_the_flag_gets_an_ordinary_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every file system on the test machine takes O_DIRECT, so the refusal is played here: fcntl answers
    # EINVAL as tmpfs on older kernels does.
    import fcntl

    real_fcntl = fcntl.fcntl

    def refuse_direct(fd: int, cmd: int, arg: int = 0) -> int:
        if cmd == fcntl.F_SETFL and arg & os.O_DIRECT:
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_fcntl(fd, cmd, arg)

    monkeypatch.setattr(fcntl, "fcntl", refuse_direct)
    data = os.urandom(1_000_000)
    write(tmp_path / "picture", data)
    assert (tmp_path / "picture").read_bytes() == data


@needs_o_direct
def test_a_file_system_that_takes_the_flag_but_refuses_the_write_gets_it_again_buffered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    real_pwrite = os.pwrite
    refused: list[int] = []

    def refuse_direct_writes(fd: int, data: memoryview, offset: int) -> int:
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_DIRECT:
            refused.append(offset)
            # as if part had landed before the refusal, and more than the picture holds
            (tmp_path / "picture").write_bytes(b"x" * 400_000)
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_pwrite(fd, data, offset)

    monkeypatch.setattr(direct_write.os, "pwrite", refuse_direct_writes)
    data = os.urandom(300_000)
    write(tmp_path / "picture", data)
    assert refused == [0]
    assert (tmp_path / "picture").read_bytes() == data


def test_a_buffer_is_lent_to_one_writer_at_a_time() -> None:
    buffers = direct_write._AlignedBuffers()
    with buffers.take(8192) as first:
        pass
    with buffers.take(8192) as again, buffers.take(8192) as meanwhile:
        assert again is first  # kept, and lent again
        assert meanwhile is not again  # not to a second writer while the first has it


def test_uploads_at_once_each_get_their_own_bytes(tmp_path: Path) -> None:
    # more writers than buffers kept, as when many laptops send at once; each file is checked whole
    sizes = [direct_write.SMALLEST + 7 * n * 4099 for n in range(3 * direct_write.BUFFERS_KEPT)]
    pictures = {f"p{n}": os.urandom(size) for n, size in enumerate(sizes)}
    with ThreadPoolExecutor(2 * direct_write.BUFFERS_KEPT) as pool:
        list(pool.map(lambda name: write(tmp_path / name, pictures[name]), pictures))
    assert {name: (tmp_path / name).read_bytes() for name in pictures} == pictures


def test_another_error_is_not_hidden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(fd: int, data: memoryview, offset: int) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(direct_write.os, "pwrite", disk_full)
    with pytest.raises(OSError, match="No space"):
        write(tmp_path / "picture", os.urandom(200_000))
