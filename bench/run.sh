#!/usr/bin/env bash
# The engage-sync benchmark (bench/README.md): builds in release mode, generates the scenarios
# once into bench/cache/, runs full and incremental syncs and the reference tools, and prints
# every target with "met" or "not met". Never part of `make test` or CI.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=$ROOT/bench/cache
BIN=$ROOT/.build/release/engage-sync
GEN=$ROOT/.build/release/engage-sync-gen
SIZES=${BENCH_SIZES:-"100000 1000000"}
COMPARE_SIZE=${BENCH_COMPARE_SIZE:-200000}
mkdir -p "$CACHE"
RESULTS=$CACHE/results.txt
: > "$RESULTS"
say() { echo "$*" | tee -a "$RESULTS"; }

# ---- tools: Debian time and libxml2-utils, csv-diff from PyPI in a throw-away virtualenv
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
missing=""
[ -x /usr/bin/time ] || missing="$missing time"
command -v xmllint >/dev/null || missing="$missing libxml2-utils"
if [ -n "$missing" ]; then
  echo "installing:$missing"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
fi
VENV=$CACHE/venv
# (a virtualenv moved with the cache keeps its old paths: it is made again when csv-diff fails)
if ! "$VENV/bin/csv-diff" --help >/dev/null 2>&1; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q csv-diff
fi

# ---- build and scenarios
swift build -c release --product engage-sync >/dev/null
swift build -c release --product engage-sync-gen >/dev/null
scenario() {  # N -> folder, generated once
  local dir=$CACHE/scenario-$1
  if [ ! -f "$dir/expected.json" ]; then
    echo "generating $1 profiles into $dir ..." >&2
    rm -rf "$dir"
    "$GEN" --profiles "$1" --seed 1 --out "$dir"
  fi
  echo "$dir"
}

# ---- measuring: /usr/bin/time -v gives wall time and peak RSS
WALL=0; RSS_MB=0
measure() {  # command... ; sets WALL (s) and RSS_MB
  local log; log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { local rc=$?; [ $rc -le 1 ] || { cat "$log" >&2; exit 1; }; }
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
  RSS_MB=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
  rm -f "$log"
}
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1e6 }'; }
calc() { awk "BEGIN { printf \"%.2f\", $* }"; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo "met"; else echo "not met"; fi; }
ids=(--org-id 00D5j00000AbCdE --company-id bench-pharma --integration-user 0055j00000EnGsYAAV)
sync_run() {  # dir export snapshot state now
  measure "$BIN" sync --export "$1/$2" --snapshot "$1/$3" --state "$4" --out "$CACHE/runs" "${ids[@]}" --now "$5" --quiet
}
# The machine is shared and its page cache holds the last scenario read: a first sync (the
# state is new each time) runs REPEAT times and the fastest counts, with the peak of that run.
REPEAT=${BENCH_REPEAT:-2}
best_of() {  # command... (one that sets WALL and RSS_MB): REPEAT times, the fastest counts
  local best="" best_mb=0 k
  for k in $(seq "$REPEAT"); do
    "$@"
    if [ -z "$best" ] || awk "BEGIN { exit !($WALL < $best) }"; then best=$WALL; best_mb=$RSS_MB; fi
  done
  WALL=$best; RSS_MB=$best_mb
}
fresh_sync() {  # dir export state: a first sync into a new state folder
  rm -rf "$CACHE/runs" "$3"
  sync_run "$1" "$2" snapshot-csv "$3" 2026-11-30T10:00:00Z
}
full_sync() { best_of fresh_sync "$@"; }
best_measure() { best_of measure "$@"; }

say "engage-sync benchmark — $(date -u +%FT%TZ), $(nproc) cores, load before start: $(cut -d' ' -f1-3 /proc/loadavg)"
say ""

# ---- outputs byte-identical to the ones recorded before the speed work
dir10k=$(scenario 10000)
if bench/output-hashes.sh "$BIN" "$dir10k" | diff -q - bench/outputs-10k.sha256 >/dev/null; then IDENT=met; else IDENT="not met"; fi
say "outputs of the 10k scenario identical to bench/outputs-10k.sha256: $IDENT"
if bench/verteo-hashes.sh "$BIN" | diff -q - bench/outputs-verteo.sha256 >/dev/null; then VIDENT=met; else VIDENT="not met"; fi
say "outputs of the Verteo story identical to bench/outputs-verteo.sha256: $VIDENT"
say ""

declare -A FULL_S FULL_MB INC_S
say "$(printf '%-9s %-12s %9s %10s %12s %9s' profiles run 'wall s' 'export MB/s' 'profiles/s' 'peak MB')"
for n in $SIZES; do
  dir=$(scenario "$n")
  for enc in json jsonl xml; do
    full_sync "$dir" "export.$enc" "$CACHE/state-$n-$enc"
    say "$(printf '%-9s %-12s %9s %10s %12s %9s' "$n" "full $enc" "$WALL" "$(calc "$(mb "$dir/export.$enc") / $WALL")" "$(calc "$n / $WALL")" "$RSS_MB")"
    if [ $enc = json ]; then FULL_S[$n]=$WALL; FULL_MB[$n]=$RSS_MB; fi
  done
  rm -rf "$CACHE/runs"
  sync_run "$dir" export-incremental.json snapshot-csv "$CACHE/state-$n-json" 2026-11-30T13:00:00Z
  INC_S[$n]=$WALL
  say "$(printf '%-9s %-12s %9s %10s %12s %9s' "$n" "incremental" "$WALL" "-" "-" "$RSS_MB")"
done
rm -rf "$CACHE/runs"
say ""

# ---- references at 200k profiles: csv-diff on the equivalent profile CSVs
dir=$(scenario $COMPARE_SIZE)
full_sync "$dir" export.json "$CACHE/state-cmp"
CMP_S=$WALL; CMP_MB=$RSS_MB
best_measure "$VENV/bin/csv-diff" --key=VExternal_ID_vod__c "$dir/compare/crm-profiles.csv" "$dir/compare/export-profiles.csv"
DIFF_S=$WALL; DIFF_MB=$RSS_MB
rm -rf "$CACHE/runs"
say "$COMPARE_SIZE profiles: engage-sync full JSON sync ${CMP_S} s, ${CMP_MB} MB; csv-diff --key ${DIFF_S} s, ${DIFF_MB} MB"

# ---- reader throughputs on the largest scenario
big=$(scenario "$(echo $SIZES | tr ' ' '\n' | tail -1)")
read_mbs() {  # the best of REPEAT reads
  for k in $(seq "$REPEAT"); do "$GEN" read-bench "$1" "$2" | awk '{ print $4 }'; done | sort -g | tail -1
}
JSON_MBS=$(read_mbs export "$big/export.json")
XML_MBS=$(read_mbs export "$big/export.xml")
best_measure xmllint --stream --noout "$big/export.xml"
XMLLINT_MBS=$(calc "$(mb "$big/export.xml") / $WALL")
CSV_P=$(read_mbs snapshot "$big/snapshot-csv/Engage_Profile_vod__c.csv")
CSV_C=$(read_mbs snapshot "$big/snapshot-csv/Engage_Connection_vod__c.csv")
say "readers: JSON export $JSON_MBS MB/s; XML export $XML_MBS MB/s, xmllint --stream $XMLLINT_MBS MB/s; CSV snapshot profiles $CSV_P MB/s, connections $CSV_C MB/s"
say ""

# ---- targets
small=$(echo $SIZES | tr ' ' '\n' | head -1); large=$(echo $SIZES | tr ' ' '\n' | tail -1)
say "targets:"
say "  full sync of $large profiles from JSON <= 10 s: ${FULL_S[$large]} s — $(verdict "${FULL_S[$large]} <= 10")"
say "  its peak memory <= 1 GB: ${FULL_MB[$large]} MB — $(verdict "${FULL_MB[$large]} <= 1024")"
say "  $COMPARE_SIZE: >= 5x faster than csv-diff: $(calc "$DIFF_S / $CMP_S")x — $(verdict "$DIFF_S >= 5 * $CMP_S")"
say "  $COMPARE_SIZE: <= half csv-diff's memory: $(calc "$CMP_MB / $DIFF_MB")x — $(verdict "$CMP_MB * 2 <= $DIFF_MB")"
say "  JSON export reading >= 300 MB/s: $JSON_MBS — $(verdict "$JSON_MBS >= 300")"
say "  XML reading >= 0.85x xmllint --stream: $(calc "$XML_MBS / $XMLLINT_MBS")x — $(verdict "$XML_MBS >= 0.85 * $XMLLINT_MBS")"
say "  CSV snapshot reading >= 300 MB/s: $CSV_P / $CSV_C — $(verdict "$CSV_P >= 300 && $CSV_C >= 300")"
say "  incremental (1%) at least 2x faster than full at $large: ${INC_S[$large]} s vs ${FULL_S[$large]} s — $(verdict "${INC_S[$large]} * 2 <= ${FULL_S[$large]}")"
ratio=$(calc "$large / $small")
say "  time linear ${small} -> ${large} (within 20% of ${ratio}x): $(calc "${FULL_S[$large]} / ${FULL_S[$small]}")x — $(verdict "${FULL_S[$large]} <= 1.2 * $ratio * ${FULL_S[$small]}")"
say "  memory linear ${small} -> ${large} (at most ${ratio}x): $(calc "${FULL_MB[$large]} / ${FULL_MB[$small]}")x — $(verdict "${FULL_MB[$large]} <= $ratio * ${FULL_MB[$small]}")"
say "  outputs byte-identical (10k scenario): $IDENT"
say "  outputs byte-identical (Verteo story): $VIDENT"
say "load after the run: $(cut -d' ' -f1-3 /proc/loadavg) (results also in bench/cache/results.txt)"
