#!/usr/bin/env bash
# Device check: bench-train at the seeds' shapes on a GPU machine that has Python + PyTorch (CUDA) but no Java and
# no network, next to HF transformers + peft at the same shapes; one JSON file of results side by side.
#
#   bench/device/run.sh [--dry] [--out FILE]
#
# GPU mode needs bench/device/bundle/ (bench/device/bundle.sh: jlinked JRE + jars, no CPU libtorch), cmake and a C++
# compiler. It compiles DJL's JNI (shared/third_party/djl-pytorch-jni-0.35.1, or $DJL_JNI_SRC) against the local
# libtorch of `python3 -c 'import torch'`, points DJL at that libtorch (PYTORCH_LIBRARY_PATH, PYTORCH_VERSION,
# PYTORCH_FLAVOR) and runs bench-train --device gpu. --dry runs the same steps end to end on this CPU: no compile,
# DJL's CPU libtorch, tiny shapes (one layer, 2 steps), the Qwen3 tiny fixture; the HF side is skipped with a message
# when transformers/peft are not installed.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUNDLE="$HERE/bundle"
DRY=0
OUT_FILE=""
while (( $# )); do
  case "$1" in
    --dry) DRY=1 ;;
    --out) OUT_FILE="$2"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (--dry, --out FILE)" >&2; exit 2 ;;
  esac
  shift
done
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ecg-device.XXXXXX")"
OUT_FILE="${OUT_FILE:-$WORK/results.json}"
say() { echo "run.sh: $*" >&2; }
command -v python3 >/dev/null || { say "python3 is needed (it also merges the results)"; exit 1; }

# --- Java: the bundle's JRE, or (dry mode only) the build machine's java.
if [[ -x "$BUNDLE/jre/bin/java" ]]; then
  JAVA="$BUNDLE/jre/bin/java"
elif (( DRY )) && command -v java >/dev/null; then
  JAVA=java
else
  say "no JRE: run bench/device/bundle.sh on the build machine and carry bench/device/bundle/ here"; exit 1
fi
if compgen -G "$BUNDLE/lib/*.jar" >/dev/null; then
  CP="$BUNDLE/lib/*"
elif (( DRY )) && compgen -G "$ROOT/common/target/common-*.jar" >/dev/null; then
  CP="$ROOT/common/target/common-*.jar:$ROOT/spark-jobs/target/lib/*"
else
  say "no jars: run bench/device/bundle.sh first"; exit 1
fi

if (( DRY )); then
  # The bundle leaves the CPU natives behind; the dry run takes them from the build tree or the Maven cache.
  NATIVE=$(ls "$ROOT"/spark-jobs/target/lib/pytorch-native-cpu-*.jar ~/.m2/repository/ai/djl/pytorch/pytorch-native-cpu/*/pytorch-native-cpu-*-linux-x86_64.jar 2>/dev/null | head -1 || true)
  [[ -n "$NATIVE" ]] || { say "--dry needs DJL's CPU libtorch jar (pytorch-native-cpu) from a build"; exit 1; }
  CP="$CP:$NATIVE"
  DEVICE=cpu
  TORCH_INFO='{"mode": "dry (CPU, DJL libtorch)"}'
  QWEN="$ROOT/common/src/test/resources/fixtures/qwen3-tiny/hf_safetensors"
  SMALL=(--layers 1 --batch-size 2 --steps 2 --warmup 0)
  DJL_RUNS=(
    "--model wav2vec2-base --peft lora --dtype fp32 ${SMALL[*]} --samples 4001"
    "--model wav2vec2-base --peft lora --dtype fp16 ${SMALL[*]} --samples 4001"
    "--model hubert-base-ls960 --peft lora --dtype fp16 ${SMALL[*]} --samples 4001"
    "--model ecg-fm --peft lora --dtype fp16 ${SMALL[*]} --samples 2500"
    "--model $QWEN --peft lora --dtype fp16 --batch-size 2 --seq 8 --steps 2 --warmup 0 --gen-tokens 4"
  )
  HF_RUNS=(wav2vec2-base:lora:fp32:2:4001:2 wav2vec2-base:lora:fp16:2:4001:2)
else
  # --- The local PyTorch: its libtorch, version and CUDA flavor.
  TORCH_INFO=$(python3 - <<'PY'
import json, os, torch
print(json.dumps({"lib": os.path.join(os.path.dirname(torch.__file__), "lib"), "cmake": torch.utils.cmake_prefix_path,
                  "version": torch.__version__.split("+")[0], "cuda": torch.version.cuda,
                  "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None}))
PY
  ) || { say "python3 cannot import torch"; exit 1; }
  field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]] or '')" "$TORCH_INFO" "$1"; }
  TORCH_LIB=$(field lib); TORCH_VERSION=$(field version); CUDA=$(field cuda)
  [[ -n "$CUDA" ]] || { say "this PyTorch has no CUDA ($TORCH_INFO)"; exit 1; }
  FLAVOR="cu$(echo "$CUDA" | tr -d .)"
  say "libtorch $TORCH_VERSION ($FLAVOR) in $TORCH_LIB"

  # --- DJL's JNI compiled against it, placed where DJL's LibUtils looks: <cache>/pytorch/<ver>-<flavor>-<os>/0.35.1-libdjl_torch.so
  JNI_SRC="${DJL_JNI_SRC:-$ROOT/../shared/third_party/djl-pytorch-jni-0.35.1}"
  [[ -d "$JNI_SRC" ]] || JNI_SRC="$ROOT/shared/third_party/djl-pytorch-jni-0.35.1"
  [[ -f "$JNI_SRC/CMakeLists.txt" ]] || { say "DJL JNI sources not found (set DJL_JNI_SRC)"; exit 1; }
  UTILS=""
  for d in "${DJL_UTILS_INCLUDE:-}" "$JNI_SRC/include" "$JNI_SRC/api/src/main/native"; do
    [[ -n "$d" && -f "$d/djl/utils.h" ]] && { UTILS="$d"; break; }
  done
  [[ -n "$UTILS" ]] || { say "djl/utils.h (DJL api/src/main/native, Apache-2.0) is not in $JNI_SRC: set DJL_UTILS_INCLUDE to the folder holding djl/utils.h"; exit 1; }
  command -v cmake >/dev/null || { say "cmake is needed to compile the JNI"; exit 1; }
  cp -r "$JNI_SRC" "$WORK/jni"
  mkdir -p "$WORK/jni/build/include"
  cp "$JNI_SRC/include/ai_djl_pytorch_jni_PyTorchLibrary.h" "$WORK/jni/build/include/"
  say "compiling DJL's JNI against $TORCH_LIB (log: $WORK/jni-build.log)"
  (cd "$WORK/jni/build" && cmake -DCMAKE_PREFIX_PATH="$(field cmake)" -DUSE_CUDA=1 -DCMAKE_BUILD_TYPE=Release \
      -DJAVA_INCLUDE_PATH="$JNI_SRC/include" -DJAVA_INCLUDE_PATH2="$JNI_SRC/include" \
      -DJAVA_AWT_INCLUDE_PATH="$JNI_SRC/include" -DJAVA_JVM_LIBRARY="$(ls "$BUNDLE"/jre/lib/server/libjvm.so)" \
      -DUTILS_INCLUDE_DIR="$UTILS" .. && cmake --build . -- -j "$(nproc)") >"$WORK/jni-build.log" 2>&1 \
    || { tail -30 "$WORK/jni-build.log" >&2; say "JNI compile failed"; exit 1; }
  export ENGINE_CACHE_DIR="$WORK/djl-cache"
  JNI_DIR="$ENGINE_CACHE_DIR/pytorch/$TORCH_VERSION-$FLAVOR-linux-x86_64"
  mkdir -p "$JNI_DIR"
  cp "$WORK/jni/build/libdjl_torch.so" "$JNI_DIR/0.35.1-libdjl_torch.so"
  export PYTORCH_LIBRARY_PATH="$TORCH_LIB" PYTORCH_VERSION="$TORCH_VERSION" PYTORCH_FLAVOR="$FLAVOR"
  export LD_LIBRARY_PATH="$TORCH_LIB:${LD_LIBRARY_PATH:-}"
  DEVICE=gpu
  # The seeds' shapes: encoders at batch 32 x 32,000 samples (ECG-FM 2,500), Qwen3-8B LoRA r16 at batch 4 x 96 tokens.
  DJL_RUNS=(
    "--model wav2vec2-base --peft lora --dtype fp32 --batch-size 32 --samples 32000 --steps 10"
    "--model wav2vec2-base --peft lora --dtype fp16 --batch-size 32 --samples 32000 --steps 10"
    "--model hubert-base-ls960 --peft lora --dtype fp16 --batch-size 32 --samples 32000 --steps 10"
    "--model ecg-fm --peft lora --dtype fp16 --batch-size 32 --samples 2500 --steps 10"
    "--model qwen3-8b --peft lora --dtype fp16 --batch-size 4 --seq 96 --steps 5 --gen-tokens 32"
  )
  HF_RUNS=(wav2vec2-base:lora:fp32:32:32000:10 wav2vec2-base:lora:fp16:32:32000:10
    hubert-base-ls960:lora:fp16:32:32000:10 qwen3-8b:lora:fp16:4:96:5 qwen3-8b:lora:bf16:4:96:5)
fi

# --- bench-train, one JVM per configuration (a failure, e.g. out of memory, is recorded and the rest still run).
: >"$WORK/djl.jsonl"
for args in "${DJL_RUNS[@]}"; do
  say "bench-train $args --device $DEVICE"
  # shellcheck disable=SC2086
  if ! "$JAVA" -Xmx8g -cp "$CP" org.ecgpeft.train.study.TrainBenchmark $args --device "$DEVICE" --json \
      >"$WORK/one.json" 2>"$WORK/one.err"; then
    python3 -c "import json,sys; print(json.dumps({'config': sys.argv[1], 'error': sys.argv[2][-500:]}))" \
      "$args" "$(grep -v ' WARN \| INFO ' "$WORK/one.err" | tail -5)" >>"$WORK/djl.jsonl"
    say "  failed: $(tail -1 "$WORK/one.err")"
  else
    tail -1 "$WORK/one.json" >>"$WORK/djl.jsonl"
    say "  $(tail -1 "$WORK/one.json")"
  fi
done

# --- HF transformers + peft at the same shapes, when installed.
HF_NOTE=""
if python3 "$HERE/hf_bench.py" "${HF_RUNS[@]}" >"$WORK/hf.jsonl" 2>"$WORK/hf.err"; then
  say "HF: $(wc -l <"$WORK/hf.jsonl") lines"
else
  HF_NOTE="HF side skipped: $(tail -1 "$WORK/hf.err")"
  say "$HF_NOTE"
  : >"$WORK/hf.jsonl"
fi

python3 "$HERE/merge_results.py" "$WORK/djl.jsonl" "$WORK/hf.jsonl" "$TORCH_INFO" "$HF_NOTE" >"$OUT_FILE"
say "results: $OUT_FILE"
cat "$OUT_FILE"
