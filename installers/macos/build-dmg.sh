#!/usr/bin/env bash
# Build VisitApp.app and a .dmg on a Mac, optionally signed and notarised.
# NOT RUN ON THE DEVELOPMENT MACHINE (Linux); see installers/README.md.
#
#   installers/macos/build-dmg.sh                      unsigned, for trying out
#   VISITAPP_CODESIGN_IDENTITY="Developer ID Application: Council Name (TEAMID)" \
#   VISITAPP_NOTARY_PROFILE=visitapp-notary installers/macos/build-dmg.sh    signed, notarised, stapled
#
# VISITAPP_NOTARY_PROFILE names credentials stored once with `xcrun notarytool store-credentials`.
set -euo pipefail
cd "$(dirname "$0")/../.."

PY=${PYTHON:-.venv/bin/python}
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
APP=dist/VisitApp.app
DMG=dist/VisitApp-$VERSION.dmg

# 1. The bundle. With VISITAPP_CODESIGN_IDENTITY set, PyInstaller signs every library and the .app with the
#    hardened runtime and installers/macos/entitlements.plist.
"$PY" installers/build.py --dist dist --work build
test -d "$APP" || { echo "build-dmg: $APP was not made" >&2; exit 1; }
"$APP/Contents/MacOS/visitapp" --version
"$APP/Contents/MacOS/visitapp" selftest

# 2. The disk image: the app and a link to /Applications, to drag it across.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$APP" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$DMG"
hdiutil create -volname "VisitApp $VERSION" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$DMG"

# 3. Sign the image, send it to Apple's notary service, and staple the ticket so it opens offline.
if [ -n "${VISITAPP_CODESIGN_IDENTITY:-}" ]; then
  codesign --verify --deep --strict --verbose=2 "$APP"
  codesign --force --timestamp --sign "$VISITAPP_CODESIGN_IDENTITY" "$DMG"
  if [ -n "${VISITAPP_NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$VISITAPP_NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose "$DMG"
  fi
fi
echo "build-dmg: $DMG"
