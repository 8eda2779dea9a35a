#!/bin/sh
# Builds the libFuzzer targets into fuzz-out/bin (outside the SwiftPM build, so `swift build`
# and `make test` never see fuzz code). The library is compiled once with coverage
# instrumentation and AddressSanitizer; each target links it with libFuzzer's main.
#
#   fuzz/build.sh [TARGET...]   (export, snapshot, yaml; default all three)
set -eu
cd "$(dirname "$0")/.."
SWIFTC=${SWIFTC:-swiftc}
OUT=fuzz-out/build
BIN=fuzz-out/bin
mkdir -p "$OUT" "$BIN"
FLAGS="-O -sanitize=fuzzer,address -parse-as-library -I Sources/CLibXML2 -I Sources/CYAML $(pkg-config --cflags-only-I libxml-2.0 | sed 's/-I/-Xcc -I/g')"
sources=$(find Sources/EngageSync -name '*.swift' | sort)
stamp="$OUT/libEngageSync.a"
if [ ! -f "$stamp" ] || [ -n "$(find Sources/EngageSync Sources/CLibXML2 Sources/CYAML -newer "$stamp" -type f)" ]; then
  echo "fuzz: compiling EngageSync (instrumented)"
  # shellcheck disable=SC2086
  $SWIFTC $FLAGS -module-name EngageSync -emit-library -static -emit-module \
    -emit-module-path "$OUT/EngageSync.swiftmodule" -o "$stamp" $sources
fi
for name in ${*:-export snapshot yaml}; do
  case $name in export) target=Export ;; snapshot) target=Snapshot ;; yaml) target=YAML ;;
    *) echo "fuzz: unknown target $name" >&2; exit 64 ;; esac
  echo "fuzz: linking $name-fuzzer"
  # shellcheck disable=SC2086
  $SWIFTC $FLAGS -use-ld=lld -I "$OUT" fuzz/FuzzInput.swift "fuzz/${target}Fuzzer.swift" -L "$OUT" -lEngageSync -lxml2 -lyaml \
    -o "$BIN/$name-fuzzer"
done
