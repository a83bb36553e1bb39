#!/usr/bin/env bash
# Wrap the PyInstaller .app into a compressed .dmg with the usual drag-to-Applications window.
#
#     installer/macos/make_dmg.sh ["dist/gpt-oss Chat.app"] [OUT_DIR]     -> dist/gpt-oss-chat-X.Y.Z-arm64.dmg
#
# macOS only (hdiutil, ditto, PlistBuddy). Sign and notarize the .app before this, and the .dmg after it, for
# Gatekeeper (docs/packaging.md). The Finder window layout needs a logged-in session that may script Finder; where it
# cannot (a headless CI runner), the layout step is skipped with a note and the .dmg still has the app and the
# Applications link side by side. DMG_LAYOUT=0 skips it on purpose.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root_dir="$(cd "$here/../.." && pwd)"
app="${1:-$root_dir/dist/gpt-oss Chat.app}"
out_dir="${2:-$root_dir/dist}"
app_name="$(basename "$app")"
volume="gpt-oss Chat"

[[ "$(uname)" == Darwin ]] || { echo "make_dmg.sh runs on macOS only" >&2; exit 1; }
[[ -d "$app/Contents/MacOS" ]] || { echo "no app bundle at $app (run packaging/build.py first)" >&2; exit 1; }
version="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$app/Contents/Info.plist")"
dmg="$out_dir/gpt-oss-chat-$version-$(uname -m).dmg"

work="$(mktemp -d)"
device=""
cleanup() {
  if [[ -n "$device" ]]; then hdiutil detach "$device" -quiet -force || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

staging="$work/staging"
mkdir -p "$staging" "$out_dir"
ditto "$app" "$staging/$app_name"  # keeps symlinks, extended attributes and signatures
ln -s /Applications "$staging/Applications"

rw="$work/rw.dmg"
hdiutil create -quiet -volname "$volume" -srcfolder "$staging" -fs HFS+ -format UDRW -ov "$rw"

if [[ "${DMG_LAYOUT:-1}" == 1 ]]; then
  mount_dir="$work/mount"
  mkdir -p "$mount_dir"
  device="$(hdiutil attach -readwrite -noverify -noautoopen -mountpoint "$mount_dir" "$rw" | awk 'NR==1 {print $1}')"
  if ! osascript <<EOF; then
tell application "Finder"
  tell disk "$volume"
    open
    set current view of container window to icon view
    set toolbar visible of container window to false
    set statusbar visible of container window to false
    set the bounds of container window to {200, 120, 760, 470}
    set viewOptions to the icon view options of container window
    set arrangement of viewOptions to not arranged
    set icon size of viewOptions to 128
    set position of item "$app_name" of container window to {140, 170}
    set position of item "Applications" of container window to {420, 170}
    update without registering applications
    delay 1
    close
  end tell
end tell
EOF
    echo "note: Finder could not be scripted; the .dmg keeps Finder's default layout" >&2
  fi
  sync
  for attempt in 1 2 3 4 5; do
    hdiutil detach "$device" -quiet && device="" && break
    sleep "$attempt"
  done
  [[ -z "$device" ]] || { echo "could not detach $device" >&2; exit 1; }
fi

rm -f "$dmg"
hdiutil convert -quiet "$rw" -format UDZO -imagekey zlib-level=9 -o "$dmg"
echo "$dmg"
