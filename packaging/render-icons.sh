#!/usr/bin/env bash
# Renders the icon's PNG sizes from its SVG source, for desktops and the window: run it
# after changing assets/icons/hicolor/scalable/apps/APP_ID.svg and commit the PNGs.
# Needs rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/.."

app_id=$(sed -n 's/^pub const APP_ID: &str = "\(.*\)";$/\1/p' src/desktop.rs)
if [ -z "$app_id" ]; then
    echo "render-icons.sh: no APP_ID found in src/desktop.rs; keep the line 'pub const APP_ID: &str = \"...\";'" >&2
    exit 1
fi
if ! command -v rsvg-convert >/dev/null; then
    echo "render-icons.sh: rsvg-convert is missing; install it (apt-get install librsvg2-bin) and run again" >&2
    exit 1
fi
icons=assets/icons/hicolor
svg="$icons/scalable/apps/$app_id.svg"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$icons/${size}x${size}/apps"
    rsvg-convert --width "$size" --height "$size" "$svg" \
        --output "$icons/${size}x${size}/apps/$app_id.png"
done
echo "rendered $svg at 16 to 512 px"
