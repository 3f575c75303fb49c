#!/bin/bash
# Runs every benchmark program built in BUILD_DIR/tests/bench and prints their results as one JSON array.
# Benchmarks write their scratch files under the current directory (a real disk, unlike a tmpfs /tmp).
# Usage: tests/bench/run-all.sh BUILD_DIR
set -euo pipefail

build_dir=${1:?usage: run-all.sh BUILD_DIR}
bench_dir="$build_dir/tests/bench"
shopt -s nullglob
programs=("$bench_dir"/bench_*)
if (( ${#programs[@]} == 0 )); then
    echo "run-all.sh: no benchmark programs in $bench_dir (configure with CONCORD_BUILD_BENCH=ON)" >&2
    exit 1
fi

status=0
separator=""
echo "["
for program in "${programs[@]}"; do
    [[ -x "$program" && -f "$program" ]] || continue
    echo "run-all.sh: $(basename "$program")" >&2
    if output=$("$program"); then
        printf '%s%s\n' "$separator" "$output"
        separator=","
    else
        echo "run-all.sh: $(basename "$program") failed" >&2
        status=1
    fi
done
echo "]"
exit $status
