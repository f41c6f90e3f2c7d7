#!/usr/bin/env bash
# Builds what run.sh needs on a machine without Java or network: a jlinked JRE and the jars bench-train runs on
# (common and its runtime dependencies), under bench/device/bundle/. The CPU libtorch natives (pytorch-native-cpu,
# ~110 MB) and the tokenizers natives stay behind: the device machine brings its own CUDA libtorch, and bench-train
# needs no tokenizer. Fails when the bundle exceeds the 64 MiB a device run may carry.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/bundle"
LIMIT_MIB=64
MODULES=java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported,jdk.crypto.ec,java.net.http

command -v jlink >/dev/null || { echo "bundle.sh: jlink not found (needs a JDK 17)" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT/lib"
echo "bundle.sh: building common (mvn -o package -pl common -am -DskipTests)" >&2
LOG=$(mktemp)
if ! (cd "$ROOT" && mvn -B -o -q package -pl common -am -DskipTests >"$LOG" 2>&1 \
    && mvn -B -o -q dependency:copy-dependencies -pl common -DincludeScope=runtime \
       -DexcludeArtifactIds=pytorch-native-cpu,tokenizers -DoutputDirectory="$OUT/lib" >>"$LOG" 2>&1); then
  cat "$LOG" >&2
  exit 1
fi
rm -f "$LOG"
cp "$ROOT"/common/target/common-*.jar "$OUT/lib/"
rm -f "$OUT"/lib/*-sources.jar "$OUT"/lib/*-tests.jar
echo "bundle.sh: jlink ($MODULES)" >&2
jlink --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --compress=2 --output "$OUT/jre"
size_kib=$(du -sk "$OUT" | cut -f1)
echo "bundle.sh: $OUT: jre $(du -sh "$OUT/jre" | cut -f1), jars $(du -sh "$OUT/lib" | cut -f1), total $((size_kib / 1024)) MiB" >&2
if (( size_kib > LIMIT_MIB * 1024 )); then
  echo "bundle.sh: the bundle is over $LIMIT_MIB MiB" >&2
  exit 1
fi
