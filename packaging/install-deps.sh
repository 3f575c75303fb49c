#!/usr/bin/env bash
# Installs the Debian 12 packages Concord needs to build, test and run, only when missing.
# Non-interactive; prints what it installs. Run as root (or with sudo available).
set -euo pipefail

packages=(
    # toolchain
    g++ make cmake ninja-build pkg-config
    # Qt 6.4: Core/Gui/Widgets/Sql/Concurrent/PrintSupport/Test, Svg, SQLite driver, platform plugins
    qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-svg-dev libqt6sql6-sqlite qt6-qpa-plugins libgl-dev libxkbcommon-dev
    # libraries
    nlohmann-json3-dev libboost-math-dev
    # Ed25519 signatures of annotator packages
    libsodium-dev
    # the fuzz harnesses (make fuzz): clang and its libFuzzer/sanitizer runtimes
    clang-14 libclang-rt-14-dev
    # the harnesses give SQLite its allocator through its C interface
    libsqlite3-dev
    # the format gate (make format-check)
    clang-format
    # headless GUI runs and tests
    xvfb xauth fonts-dejavu-core
    # the Debian package and its checks (dpkg-shlibdeps, desktop-file-validate, appstreamcli)
    dpkg-dev desktop-file-utils appstream
)

missing=()
for pkg in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} required packages are installed"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then
        sudo_cmd=(sudo)
    else
        echo "install-deps: missing packages (${missing[*]}) and not root; run 'make deps' as root" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
