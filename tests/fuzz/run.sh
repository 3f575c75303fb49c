#!/usr/bin/env bash
# Runs every libFuzzer harness of BUILD_DIR (the fuzz preset's) for RUNS executions from its seed corpus in
# tests/fuzz/corpus/<parser>/, and prints executions and executions per second per harness. New inputs go to
# BUILD_DIR/fuzz-corpus/<parser>/ (the seeds in the source tree stay as written); a crash, a leak or a hang (an
# input slower than 10 s) stops with the reproducer's path and a non-zero exit code.
# Usage: run.sh BUILD_DIR RUNS [HARNESS...]; FUZZ_SECONDS, when set, also ends each harness after that many seconds.
# FUZZ_JOBS=N runs N processes of each harness side by side (one per core, each with its own random seed and RUNS/N
# executions; they share the corpus folder and pick up each other's inputs), and prints the sum of their executions.
set -euo pipefail
build=$1
runs=$2
shift 2
here="$(cd "$(dirname "$0")" && pwd)"
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
    harnesses=(csvreader tidycsv medval jsonl rubric training statsinput package)
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export QT_QPA_PLATFORM=offscreen
limit=()
if [ -n "${FUZZ_SECONDS:-}" ]; then
    limit=(-max_total_time="$FUZZ_SECONDS")
fi
status=0
for name in "${harnesses[@]}"; do
    binary="$build/tests/fuzz/fuzz_$name"
    work="$build/fuzz-corpus/$name"
    artifacts="$build/fuzz-artifacts/$name/"
    mkdir -p "$work" "$artifacts"
    jobs=${FUZZ_JOBS:-1}
    runs_each=$(((runs + jobs - 1) / jobs))
    start=$(date +%s.%N)
    pids=()
    logs=()
    for job in $(seq 1 "$jobs"); do
        log="$build/fuzz-artifacts/$name.log"
        [ "$jobs" -eq 1 ] || log="$build/fuzz-artifacts/$name-$job.log"
        logs+=("$log")
        "$binary" -runs="$runs_each" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
            -print_final_stats=1 -artifact_prefix="$artifacts" "$work" "$here/corpus/$name" >"$log" 2>&1 &
        pids+=($!)
    done
    result=ok
    for pid in "${pids[@]}"; do
        if ! wait "$pid"; then
            result="FAILED (see $build/fuzz-artifacts/$name*.log)"
            status=1
        fi
    done
    end=$(date +%s.%N)
    done_runs=0
    for log in "${logs[@]}"; do
        count=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo 0)
        done_runs=$((done_runs + count))
    done
    awk -v name="$name" -v result="$result" -v runs="$done_runs" -v start="$start" -v end="$end" 'BEGIN {
        seconds = end - start
        printf "fuzz %-11s %s: %d executions in %.0f s (%.0f exec/s)\n", name, result, runs, seconds, runs / (seconds + 0.001)
    }'
done
exit $status
