#!/usr/bin/env bash
# Builds memodraft's Debian package with cargo-deb ([package.metadata.deb] in Cargo.toml),
# then checks it: the launcher, metainfo and MIME files validate (when the desktop tools
# are installed), the package holds exactly the files a desktop needs and nothing outside
# /usr, and its binary runs and prints this version. Prints where the package is.
#
# Needs cargo-deb (cargo install cargo-deb --locked) and dpkg-deb; for the validations,
# desktop-file-utils, appstream and libxml2-utils (apt-get install ...), skipped if absent.
# Options are passed to cargo deb (e.g. --fast for quicker compression).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
    echo "build-deb.sh: $*" >&2
    exit 1
}

app_id=$(sed -n 's/^pub const APP_ID: &str = "\(.*\)";$/\1/p' src/desktop.rs)
[ -n "$app_id" ] || fail "no APP_ID found in src/desktop.rs; keep the line 'pub const APP_ID: &str = \"...\";'"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
command -v cargo-deb >/dev/null || fail "cargo-deb is missing; install it with: cargo install cargo-deb --locked"
command -v dpkg-deb >/dev/null || fail "dpkg-deb is missing; build on Debian or Ubuntu (apt-get install dpkg)"

# What desktops check, before spending a release build.
desktop=packaging/$app_id.desktop
metainfo=packaging/$app_id.metainfo.xml
mime=packaging/$app_id.mime.xml
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$desktop" || fail "$desktop does not validate (above); fix it"
else
    echo "skipped: desktop-file-validate (apt-get install desktop-file-utils)"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$metainfo" || fail "$metainfo does not validate (above); fix it"
else
    echo "skipped: appstreamcli validate (apt-get install appstream)"
fi
if command -v xmllint >/dev/null; then
    xmllint --noout "$mime" || fail "$mime is not well-formed XML (above); fix it"
else
    echo "skipped: xmllint (apt-get install libxml2-utils)"
fi

# Stripped: the release profile keeps line tables (for backtraces while developing),
# which would make the installed binary six times larger.
deb=$(cargo deb --locked --strip "$@" | tail -n1)
[ -f "$deb" ] || fail "cargo deb did not say where it wrote the package (last line: '$deb')"

# The files the package must hold, exactly: no more, no less.
expected=$(
    {
        echo "usr/bin/memodraft"
        echo "usr/share/applications/$app_id.desktop"
        echo "usr/share/metainfo/$app_id.metainfo.xml"
        echo "usr/share/mime/packages/$app_id.xml"
        for icon in assets/icons/hicolor/*/apps/"$app_id".*; do
            echo "usr/share/icons/${icon#assets/icons/}"
        done
        echo "usr/share/doc/memodraft/copyright"
        echo "usr/share/doc/memodraft/changelog.Debian.gz"
        echo "usr/share/doc/memodraft/OFL-LiberationSerif.txt"
        echo "usr/share/doc/memodraft/README.md"
    } | sort
)
contents=$(dpkg-deb --contents "$deb")
actual=$(echo "$contents" | awk '$1 !~ /^d/ { sub(/^\.\//, "", $6); print $6 }' | sort)
if [ "$expected" != "$actual" ]; then
    diff <(echo "$expected") <(echo "$actual") | sed 's/^</missing:   /; s/^>/unexpected:/' >&2 || true
    fail "$deb does not hold the expected files (above); fix [package.metadata.deb] assets in Cargo.toml"
fi
outside=$(echo "$contents" | awk '{ print $6 }' | grep -v -e '^\./$' -e '^\./usr/' || true)
[ -z "$outside" ] || fail "$deb installs outside /usr: $outside"

# The packaged binary runs and is this version.
unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
dpkg-deb --extract "$deb" "$unpacked"
said=$("$unpacked/usr/bin/memodraft" --version)
[ "$said" = "memodraft $version" ] || fail "the packaged memodraft says '$said', not 'memodraft $version'"

echo "$contents"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
if command -v lintian >/dev/null; then
    lintian --no-tag-display-limit "$deb" || true
fi
echo "checked $(echo "$actual" | wc -l) files, $(du -k "$deb" | cut -f1) KiB: $deb"
