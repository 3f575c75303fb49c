#!/bin/bash
# Runs every benchmark program built in BUILD_DIR/tests/bench, in name order, and prints their results as one JSON
# array (one object per line). The programs' stderr passes through; the exit status is non-zero if any program failed.
# Each program runs with BUILD_DIR/tests/bench as its current directory and writes its scratch files there: a real
# disk (unlike a tmpfs /tmp, where fsync costs nothing) and inside the ignored build tree should a run be killed.
# Usage: tests/bench/run-all.sh BUILD_DIR
set -euo pipefail
export LC_ALL=C # name order of the glob, independent of the locale

build_dir=${1:?usage: run-all.sh BUILD_DIR}
bench_dir=$(cd "$build_dir/tests/bench" 2>/dev/null && pwd) || {
    echo "run-all.sh: no $build_dir/tests/bench (configure with CONCORD_BUILD_BENCH=ON and build)" >&2
    exit 1
}
shopt -s nullglob
programs=()
for program in "$bench_dir"/bench_*; do
    [[ -f "$program" && -x "$program" ]] && programs+=("$program")
done
if (( ${#programs[@]} == 0 )); then
    echo "run-all.sh: no benchmark programs in $bench_dir (configure with CONCORD_BUILD_BENCH=ON)" >&2
    exit 1
fi

status=0
separator=""
echo "["
for program in "${programs[@]}"; do
    name=$(basename "$program")
    echo "run-all.sh: $name" >&2
    if output=$(cd "$bench_dir" && "$program"); then
        printf '%s%s\n' "$separator" "$output"
        separator=","
    else
        echo "run-all.sh: $name failed" >&2
        status=1
    fi
done
echo "]"
exit $status
