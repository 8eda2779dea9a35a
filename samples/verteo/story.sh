#!/bin/sh
# The Verteo story in three syncs (see README.md, "The story"): a full sync, an incremental
# one an hour later, a refused attempt, and a third sync that retries what failed.
#
#   samples/verteo/story.sh                  (or: make story)
#
# ENGAGE_SYNC names the binary (default: .build/debug/engage-sync of this checkout).
# Everything is written under samples/verteo/run/story/ (not committed; STORY_OUT names another
# folder). Each step uses its own export and snapshot, as an admin would receive them.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${ENGAGE_SYNC:-$here/../../.build/debug/engage-sync}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$here" || exit 2
story=${STORY_OUT:-run/story}
rm -rf "$story"
mkdir -p "$story"

# One sync: the sample config, with the step's export, snapshot and clock on the command line.
step() {
    title=$1 expected=$2
    shift 2
    echo
    echo "== $title"
    echo "\$ engage-sync sync --config engage-sync.yaml --state $story/state --out $story/out --quiet $*"
    "$bin" sync --config engage-sync.yaml --state "$story/state" --out "$story/out" --quiet "$@" 2>&1
    code=$?
    echo "exit code $code"
    if [ "$code" != "$expected" ]; then
        echo "story.sh: expected exit code $expected, got $code" >&2
        exit 1
    fi
}

step "1. first sync, full (Monday 10:00)" 0 \
    --export export.json --snapshot snapshot --now 2026-11-30T10:00:00Z

step "2. incremental sync an hour later (11:15): Engage changes, a disconnection, a deletion" 1 \
    --export story/export-2.jsonl --snapshot story/snapshot-2 --now 2026-11-30T11:15:00Z

step "2b. too soon (12:00): refused, nothing written" 75 \
    --export story/export-3.xml --snapshot story/snapshot-3 --now 2026-11-30T12:00:00Z

touch "$story/engage-post-processing.lock"
step "2c. Engage post-processing still running (12:30): refused" 75 \
    --export story/export-3.xml --snapshot story/snapshot-3 --now 2026-11-30T12:30:00Z \
    --post-processing-lock "$story/engage-post-processing.lock"
rm "$story/engage-post-processing.lock"

step "3. incremental sync (12:30): the failed records are retried" 0 \
    --export story/export-3.xml --snapshot story/snapshot-3 --now 2026-11-30T12:30:00Z \
    --post-processing-lock "$story/engage-post-processing.lock"

echo
echo "== history"
echo "\$ engage-sync history --state $story/state"
"$bin" history --state "$story/state"
