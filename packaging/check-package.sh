#!/usr/bin/env bash
# Checks the Debian package as a user's machine would see it: the desktop file and the AppStream metainfo pass their
# validators, the package holds what desktop integration needs, and the program runs from a temporary root.
#   check-package.sh BUILD_DIR   (the `package` preset's build folder, after cpack)
set -euo pipefail
build="${1:?usage: check-package.sh BUILD_DIR}"
app_id=org.concord.Concord
cd "$(dirname "$0")/.."

desktop-file-validate "packaging/$app_id.desktop"
appstreamcli validate --no-net --pedantic "$build/packaging/$app_id.metainfo.xml"
# With a website the metainfo also lists the screenshots; example.org stands for it here.
website_build=$(mktemp -d)
trap 'rm -rf "$website_build" "${root:-}"' EXIT
cmake -S . -B "$website_build" -G Ninja -DCONCORD_BUILD_TESTS=OFF -DCONCORD_BUILD_BENCH=OFF \
    -DCONCORD_WEBSITE=https://example.org >/dev/null
appstreamcli validate --no-net --pedantic "$website_build/packaging/$app_id.metainfo.xml"
for shot in $(grep -o 'screenshots/[a-z-]*\.png' "$website_build/packaging/$app_id.metainfo.xml"); do
    test -f "packaging/$shot" || { echo "check-package: the metainfo lists $shot, which packaging/ lacks" >&2; exit 1; }
done

deb=$(ls -1 "$build"/concord_*.deb | head -n 1)
contents=$(dpkg-deb --contents "$deb")
for path in ./usr/bin/concord "./usr/share/applications/$app_id.desktop" "./usr/share/metainfo/$app_id.metainfo.xml" \
    "./usr/share/icons/hicolor/scalable/apps/$app_id.svg" "./usr/share/icons/hicolor/48x48/apps/$app_id.png" \
    "./usr/share/icons/hicolor/256x256/apps/$app_id.png" "./usr/share/mime/packages/$app_id.xml" \
    ./usr/share/man/man1/concord.1.gz ./usr/share/doc/concord/copyright \
    ./usr/share/doc/concord/third-party/nlohmann-json3-dev.copyright \
    ./usr/share/doc/concord/third-party/libboost-math1.74-dev.copyright; do
    grep -q " $path\$" <<<"$contents" || { echo "check-package: $deb lacks $path" >&2; exit 1; }
done
dpkg-deb --field "$deb" Depends | grep -q libqt6sql6-sqlite || { echo "check-package: no SQLite driver dependency" >&2; exit 1; }

root=$(mktemp -d)
dpkg -x "$deb" "$root"
"$root/usr/bin/concord" --version
QT_QPA_PLATFORM=offscreen "$root/usr/bin/concord" demo "$root/demo.concord"
"$root/usr/bin/concord" check "$root/demo.concord" >/dev/null
# Debian's machine-readable copyright format: the format line first, and the project's licence for every file.
head -n 1 "$root/usr/share/doc/concord/copyright" | grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/$' &&
    grep -Pzq 'Files: \*\nCopyright: [^\n]+\nLicense: Apache-2.0\n' "$root/usr/share/doc/concord/copyright" ||
    { echo "check-package: /usr/share/doc/concord/copyright is not machine-readable with Apache-2.0" >&2; exit 1; }
zcat "$root/usr/share/man/man1/concord.1.gz" | grep -q '^\.SS "concord assign' || { echo "check-package: the manual page lacks the commands" >&2; exit 1; }
echo "check-package: $(basename "$deb") passes"
