"""The Linux bundle and .deb as IT would use them: built with the real spec, run as real processes, offscreen.

The first test here builds the bundle (about a minute; it is cached for the session). The .deb test installs
and removes the package with dpkg when it runs as root (as CI does), and skips otherwise.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.installers.conftest import ROOT, _tail

LINUX_ONLY = pytest.mark.skipif(sys.platform != "linux", reason="builds the Linux bundle")
pytestmark = [pytest.mark.bundle, LINUX_ONLY]

SIZE_TARGET_MB = 250
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
APP_ID = "org.visitapp.VisitApp"
# Libraries the bundle itself must provide; "not found" for any of these means the spec dropped too much.
OURS = re.compile(r"^\s*(lib(Qt6|av|sw|python|pyside|shiboken)\S*) => not found", re.MULTILINE)


def run(cmd: list[str], tmp: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp), **env}
    full_env.pop("VISITAPP_DATA_DIR", None)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=full_env)


def size_mb(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir()) / 1e6


def test_bundle_reports_the_version_in_pyproject(bundle: Path, tmp_path: Path) -> None:
    done = run([str(bundle / "visitapp"), "--version"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"VisitApp {VERSION}"


def test_bundle_selftest_passes_offscreen_and_leaves_nothing(bundle: Path, tmp_path: Path) -> None:
    done = run([str(bundle / "visitapp"), "selftest"], tmp_path)
    assert done.returncode == 0, _tail(done.stdout + done.stderr)
    assert "bundle at" in done.stdout and "Result: PASS" in done.stdout
    assert "FAIL" not in done.stdout
    assert list(tmp_path.iterdir()) == []


def test_bundle_starts_to_its_first_window(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = run([str(bundle / "visitapp"), "--data-dir", str(data)], tmp_path, VISITAPP_QUIT_WHEN_SHOWN="1")
    assert done.returncode == 0, _tail(done.stderr)


def test_bundle_holds_what_the_app_needs_and_not_what_it_does_not(bundle: Path) -> None:
    size = size_mb(bundle)
    assert size <= SIZE_TARGET_MB, f"bundle is {size:.0f} MB unpacked"
    names = {p.name for p in bundle.rglob("*")}
    plugins = bundle / "_internal" / "PySide6" / "Qt" / "plugins"
    for needed in (
        "platforms/libqoffscreen.so",
        "platforms/libqxcb.so",
        "multimedia/libffmpegmediaplugin.so",
        "imageformats/libqjpeg.so",
        "imageformats/libqsvg.so",
        "imageformats/libqwebp.so",
    ):
        assert (plugins / needed).is_file(), needed
    assert (bundle / "_internal" / "resources" / "timescales.toml").is_file()
    unwanted = [n for n in names if re.match(r"libQt6(WebEngine|3D|Quick3D|Pdf|Charts|DataVis|Graphs)", n)]
    assert unwanted == []
    assert "libstdc++.so.6" not in names  # the system's copy, which its OpenGL drivers need
    assert not [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]


@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd")
def test_every_library_the_bundle_provides_resolves(bundle: Path) -> None:
    internal = bundle / "_internal"
    missing: set[str] = set()
    for path in [bundle / "visitapp", *internal.rglob("*.so*")]:
        if path.is_symlink() or not path.is_file():
            continue
        done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=60)
        missing |= {f"{m.group(1)} (for {path.relative_to(bundle)})" for m in OURS.finditer(done.stdout)}
    assert sorted(missing) == []


# The Debian package -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deb(bundle_build: Path) -> Path:
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is not available: not a Debian-like system")
    out = bundle_build / "deb"
    done = subprocess.run(
        [sys.executable, str(ROOT / "installers" / "linux" / "build_deb.py"),
         "--bundle", str(bundle_build / "dist" / "visitapp"), "--icons", str(bundle_build / "work" / "icons"),
         "--out", str(out), "--compression", "zstd"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, _tail(done.stdout + done.stderr)
    (package,) = out.glob("visitapp_*.deb")
    return package


def test_deb_has_the_wrapper_desktop_entry_icons_and_appstream_data(deb: Path, tmp_path: Path) -> None:
    listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True).stdout
    paths = {line.split()[-1].lstrip(".") for line in listing.splitlines()}
    assert {"/usr/bin/visitapp", "/opt/visitapp/visitapp", f"/usr/share/applications/{APP_ID}.desktop",
            f"/usr/share/metainfo/{APP_ID}.metainfo.xml",
            f"/usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg"} <= paths  # fmt: skip
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert f"/usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png" in paths
    assert not [p for p in paths if "/home/" in p or p.startswith("/root")]
    control = subprocess.run(["dpkg-deb", "--field", str(deb)], capture_output=True, text=True).stdout
    assert f"Version: {VERSION}" in control and "Depends: " in control
    info = subprocess.run(["dpkg-deb", "--info", str(deb)], capture_output=True, text=True).stdout
    # no maintainer scripts: nothing runs at install or removal that could touch a worker's vault
    assert not re.search(r"\b(preinst|postinst|prerm|postrm)\b", info)
    subprocess.run(["dpkg-deb", "--extract", str(deb), str(tmp_path)], check=True)
    if shutil.which("desktop-file-validate"):
        desktop = tmp_path / f"usr/share/applications/{APP_ID}.desktop"
        done = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    if shutil.which("appstreamcli"):
        done = subprocess.run(["appstreamcli", "validate", "--no-net",
                               str(tmp_path / f"usr/share/metainfo/{APP_ID}.metainfo.xml")],
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr


def test_deb_installs_launches_and_uninstalls_leaving_the_vault(deb: Path, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("installing a .deb needs root (CI runs as root); run the suite as root to include it")
    if subprocess.run(["dpkg", "-s", "visitapp"], capture_output=True).returncode == 0:
        pytest.skip("a visitapp package is already installed on this machine; not touching it")
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_DATA_HOME": ""}
    installed = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True, timeout=300)
    try:
        assert installed.returncode == 0, _tail(installed.stdout + installed.stderr)
        assert run(["visitapp", "--version"], tmp_path, **env).stdout.strip() == f"VisitApp {VERSION}"
        selftest = run(["visitapp", "selftest"], tmp_path, **env)
        assert selftest.returncode == 0, _tail(selftest.stdout + selftest.stderr)
        assert "bundle at /opt/visitapp" in selftest.stdout
        shown = run(["visitapp"], tmp_path, VISITAPP_QUIT_WHEN_SHOWN="1", **env)
        assert shown.returncode == 0, _tail(shown.stderr)
        secret = tmp_path / "passphrase"
        secret.write_text("lantern pebble orchard seven\n")
        made = run(["visitapp", "demo", "--passphrase-file", str(secret), "--children", "1", "--visits", "2"],
                   tmp_path, **env)  # fmt: skip
        assert made.returncode == 0, made.stderr
    finally:
        removed = subprocess.run(["dpkg", "--purge", "visitapp"], capture_output=True, text=True, timeout=300)
    assert removed.returncode == 0, removed.stderr
    assert not Path("/opt/visitapp").exists() and not Path("/usr/bin/visitapp").exists()
    vault = home / ".local" / "share" / "VisitApp"
    assert {p.name for p in vault.iterdir()} >= {"vault.db", "key.json"}  # purge left the worker's vault
