#!/bin/sh
# Gathers the seed corpus of each target into fuzz-out/seeds/<target>/ from the test fixtures,
# the bad-input corpus, fuzz/crashes (every crash ever found stays a seed) and, when present,
# the shared conformance cases and real Salesforce files.
set -eu
cd "$(dirname "$0")/.."
SEEDS=fuzz-out/seeds
SHARED=${SHARED:-../shared}
rm -rf "$SEEDS"
mkdir -p "$SEEDS/export" "$SEEDS/snapshot" "$SEEDS/yaml"
copy() {  # copy TARGET FILE... (names made unique by their path)
  target=$1; shift
  for f in "$@"; do
    [ -f "$f" ] && [ -s "$f" ] || continue
    cp "$f" "$SEEDS/$target/$(echo "$f" | sed 's|^[./]*||' | tr '/' '_')"
  done
}
BAD=Tests/Fixtures/bad-input
copy export Tests/Fixtures/basic/export.json $BAD/records/* $BAD/json/*.json $BAD/json/*.jsonl $BAD/xml/*.xml \
  $BAD/csv/*export.json $BAD/yaml/*export.json fuzz/crashes/export/* \
  $(find -L "$SHARED/conformance/cases" -name 'export*' 2>/dev/null)
copy snapshot Tests/Fixtures/basic/snapshot/* $BAD/csv/*.csv $BAD/json/*Engage_Profile_vod__c.json $BAD/xml/*.xml \
  fuzz/crashes/snapshot/* $(find -L "$SHARED/conformance/cases" -path '*snapshot*' -type f 2>/dev/null) \
  $(find -L "$SHARED/conformance/cases" -path '*grants*' -type f 2>/dev/null) \
  $(find -L "$SHARED/corpus" -type f ! -name '*.md' 2>/dev/null)
copy yaml mappings/*.yaml $BAD/yaml/*.yaml fuzz/crashes/yaml/* $(find samples -name '*.yaml' 2>/dev/null)
for t in export snapshot yaml; do echo "fuzz: $(ls "$SEEDS/$t" | wc -l) seeds for $t"; done
