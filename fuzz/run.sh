#!/bin/sh
# fuzz/run.sh TARGET [SECONDS]: runs fuzz-out/bin/TARGET-fuzzer for SECONDS (default 60) on the
# seeds plus the inputs earlier runs found (fuzz-out/corpus/TARGET). A crash, a leak, a hang past
# 10 s or more than 1 GB ends the run and leaves the input in fuzz-out/crashes/.
set -eu
cd "$(dirname "$0")/.."
target=$1
seconds=${2:-60}
mkdir -p "fuzz-out/corpus/$target" fuzz-out/crashes fuzz-out/logs
exec "fuzz-out/bin/$target-fuzzer" "fuzz-out/corpus/$target" "fuzz-out/seeds/$target" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="fuzz-out/crashes/$target-" ${FUZZ_FLAGS:-}
