"""Build the Debian package from a PyInstaller bundle with ``dpkg-deb``; ``make deb`` runs it.

Usage: python installers/linux/build_deb.py --bundle dist/visitapp --icons build/icons --out dist

The package puts the bundle in /opt/visitapp, a small /usr/bin/visitapp wrapper, a desktop entry, icons at
the usual sizes and AppStream metadata. It has no maintainer scripts: dpkg's triggers refresh the icon and
menu caches, and nothing the package does can reach a worker's home folder, so removing or purging it
leaves every vault where it is (~/.local/share/VisitApp).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
APP_ID = "org.visitapp.VisitApp"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# What the bundle needs from the system (it carries the rest). Keep in step with scripts/system-deps.sh.
DEPENDS = (
    "libc6 (>= 2.36), libstdc++6 (>= 12), libgl1, libegl1, libfontconfig1, libdbus-1-3, libxkbcommon0, "
    "libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, "
    "fonts-dejavu-core | fonts-liberation2"
)


def project() -> tuple[str, str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return data["name"], data["version"], data["description"]


def release_date() -> str:
    """SOURCE_DATE_EPOCH (reproducible builds) if set, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%d")


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()


def _copy(src: Path, dest: Path, mode: int = 0o644) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    dest.chmod(mode)


def stage(bundle: Path, icons: Path, staging: Path, version: str, summary: str, arch: str) -> None:
    if staging.exists():
        shutil.rmtree(staging)
    opt = staging / "opt" / "visitapp"
    shutil.copytree(bundle, opt, symlinks=True)
    _copy(HERE / "visitapp-wrapper.sh", staging / "usr" / "bin" / "visitapp", 0o755)
    _copy(HERE / f"{APP_ID}.desktop", staging / "usr" / "share" / "applications" / f"{APP_ID}.desktop")
    metainfo = (HERE / f"{APP_ID}.metainfo.xml.in").read_text("utf-8")
    metainfo = metainfo.replace("@VERSION@", version).replace("@DATE@", release_date())
    target = staging / "usr" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
    target.parent.mkdir(parents=True)
    target.write_text(metainfo, "utf-8")
    hicolor = staging / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        _copy(icons / f"visitapp-{size}.png", hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
    _copy(ROOT / "resources" / "icons" / "visitapp.svg", hicolor / "scalable" / "apps" / f"{APP_ID}.svg")
    doc = staging / "usr" / "share" / "doc" / "visitapp"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "VisitApp. Proprietary; see the licence agreement supplied with it.\n"
        "It bundles Qt (LGPL-3.0), FFmpeg (LGPL-2.1), SQLCipher (BSD-3-Clause), OpenSSL (Apache-2.0),\n"
        "Python (PSF-2.0) and other libraries under their own licences.\n",
        "utf-8",
    )
    staging.chmod(0o755)
    for path in staging.rglob("*"):  # a clean mode on everything, whatever the builder's umask
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        elif path.stat().st_mode & 0o111:
            path.chmod(0o755)
        else:
            path.chmod(0o644)
    installed_kb = sum(p.lstat().st_size for p in staging.rglob("*") if not p.is_dir()) // 1024 + 1
    control = staging / "DEBIAN" / "control"
    control.parent.mkdir()
    control.parent.chmod(0o755)
    control.write_text(
        f"Package: visitapp\nVersion: {version}\nArchitecture: {arch}\n"
        "Maintainer: VisitApp team <visitapp@example.org>\n"
        f"Installed-Size: {installed_kb}\nDepends: {DEPENDS}\nSection: misc\nPriority: optional\n"
        "Homepage: https://example.org/visitapp\n"
        f"Description: {summary.rstrip('.')}\n"
        " VisitApp records children's social work home visits offline, in one encrypted\n"
        " vault per worker, with the write-up addressed to the child in plain words.\n"
        " Removing this package leaves every worker's vault in their home folder.\n",
        "utf-8",
    )
    control.chmod(0o644)


def build(bundle: Path, icons: Path, out: Path, compression: str = "xz") -> Path:
    if not (bundle / "visitapp").is_file():
        raise SystemExit(f"build_deb: no bundle at {bundle}; run `make dist` first")
    missing = [s for s in ICON_SIZES if not (icons / f"visitapp-{s}.png").is_file()]
    if missing:
        raise SystemExit(f"build_deb: icons missing in {icons}; run installers/make_icons.py {icons}")
    _, version, summary = project()
    arch = architecture()
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".deb-staging-", dir=out)) / "root"
    stage(bundle, icons, staging, version, summary, arch)
    package = out / f"visitapp_{version}_{arch}.deb"
    started = time.perf_counter()
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(staging), str(package)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(staging.parent)
    took = time.perf_counter() - started
    print(f"build_deb: {package} ({package.stat().st_size / 1e6:.0f} MB) in {took:.0f} s")
    return package


def main() -> int:
    parser = argparse.ArgumentParser(description="Build the VisitApp .deb from a PyInstaller bundle.")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "visitapp")
    parser.add_argument("--icons", type=Path, default=ROOT / "build" / "icons")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument(
        "--compression",
        choices=("xz", "zstd"),
        default="xz",
        help="xz (default): smallest, any dpkg; zstd: 45 times faster to build, needs dpkg 1.21.18+",
    )
    args = parser.parse_args()
    build(args.bundle.resolve(), args.icons.resolve(), args.out.resolve(), args.compression)
    return 0


if __name__ == "__main__":
    sys.exit(main())
