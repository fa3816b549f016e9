#!/usr/bin/env bash
# Makes sure the Debian packages VisitApp needs are present. As root it installs what is missing;
# otherwise it prints the exact command to run and fails, so `make` stops with a clear message.
# Usage: scripts/system-deps.sh run|test
set -euo pipefail

run_pkgs=(python3-venv libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3 libxcb-cursor0
  libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libpulse0 fonts-dejavu-core)
test_pkgs=(xvfb xauth poppler-utils postgresql binutils)

want=("${run_pkgs[@]}")
[ "${1:-run}" = "test" ] && want+=("${test_pkgs[@]}")

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian-like system; install the equivalents of: ${want[*]}" >&2
  exit 0
fi

missing=()
for p in "${want[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "system-deps: these packages are missing. Run this, then try again:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
