#!/usr/bin/env bash
# Prints the sha256 of every output file of the Verteo sample's story (samples/verteo/story.sh:
# a full sync, an incremental one, a refused attempt, a retry) run with BIN, for comparing
# outputs before and after speed work. summary.json's finished_at (the --now clock plus the
# run's duration) is left out, as in output-hashes.sh.
#
#   bench/verteo-hashes.sh BIN
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
STORY_OUT="$out/story" ENGAGE_SYNC="$bin" "$root/samples/verteo/story.sh" >/dev/null
cd "$out/story/out"
for f in $(find . -type f | sort); do
  case "$f" in
    */summary.json) printf '%s  %s\n' "$(grep -v '"finished_at"' "$f" | sha256sum | cut -d' ' -f1)" "$f" ;;
    *) sha256sum "$f" ;;
  esac
done
