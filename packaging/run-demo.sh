#!/usr/bin/env bash
# `make run`: opens the GUI on the demo study (created on first run). Without a display, does the main job
# headless instead: creates the demo study, checks it and prints the agreement summary.
set -euo pipefail
concord_bin="$1"
demo="$2"

if [ ! -f "$demo" ]; then
    "$concord_bin" demo "$demo"
fi

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    echo "Opening $demo in Concord..."
    exec "$concord_bin" "$demo"
fi

summary="${demo%.concord}-agreement.json"
echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): running headless instead."
echo "To see the GUI without a display: xvfb-run -a $concord_bin $demo"
echo
"$concord_bin" check "$demo"
echo
"$concord_bin" agreement "$demo"
"$concord_bin" agreement "$demo" --json > "$summary"
echo
echo "Agreement summary written to $summary"
