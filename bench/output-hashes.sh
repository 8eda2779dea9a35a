#!/usr/bin/env bash
# Prints the sha256 of every output file of the reference runs on a generated scenario:
# full syncs from JSON, JSON Lines and XML (CSV snapshot), from JSON with the JSON snapshot,
# and the incremental sync after the JSON one. summary.json's finished_at (the --now clock
# plus the time the run took) is the one value that differs between runs; it is left out.
#
#   bench/output-hashes.sh BIN SCENARIO_DIR     (the scenario from engage-sync-gen)
set -euo pipefail
bin=$(realpath "$1")
cd "$2"
rm -rf hash-runs && mkdir hash-runs
ids=(--org-id 00D5j00000AbCdE --company-id bench-pharma --integration-user 0055j00000EnGsYAAV)
run() {  # name export snapshot now [state]
  local name=$1 export=$2 snapshot=$3 now=$4 state=${5:-hash-runs/$1.state}
  "$bin" sync --export "$export" --snapshot "$snapshot" --state "$state" --out "hash-runs/$name" \
    "${ids[@]}" --now "$now" --quiet >/dev/null || [ $? -le 1 ]
}
run full-json export.json snapshot-csv 2026-11-30T10:00:00Z
run full-jsonl export.jsonl snapshot-csv 2026-11-30T10:00:00Z
run full-xml export.xml snapshot-csv 2026-11-30T10:00:00Z
run full-json-snapshot export.json snapshot-json 2026-11-30T10:00:00Z
run incremental export-incremental.json snapshot-csv 2026-11-30T13:00:00Z hash-runs/full-json.state
cd hash-runs
for f in $(find . -path '*.state' -prune -o -type f -print | sort); do
  case "$f" in
    */summary.json) printf '%s  %s\n' "$(grep -v '"finished_at"' "$f" | sha256sum | cut -d' ' -f1)" "$f" ;;
    *) sha256sum "$f" ;;
  esac
done
