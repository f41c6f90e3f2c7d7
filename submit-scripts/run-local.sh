#!/usr/bin/env bash
# The main job end to end on this machine: ingest synthetic ECG -> preprocess -> SQL summary.
# Usage: submit-scripts/run-local.sh [TABLE_ROOT]   (default ./ecg-lake, or env TABLE_ROOT)
# Env: SYNTHETIC_RECORDS (default 400). Re-running is safe: ingest and preprocess are idempotent.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TABLE_ROOT="${1:-${TABLE_ROOT:-./ecg-lake}}"
RUN=("$HERE/ecg-pipeline")

"${RUN[@]}" ingest --tables "$TABLE_ROOT" --synthetic "${SYNTHETIC_RECORDS:-400}"
"${RUN[@]}" preprocess --tables "$TABLE_ROOT"
"${RUN[@]}" sql --tables "$TABLE_ROOT" \
  "SELECT data_version, split, label, count(DISTINCT record_id) AS records, count(*) AS segments
   FROM ecg_segments GROUP BY data_version, split, label ORDER BY data_version, split, label"

# ECG-LLM study, small: 2,400-sample windows of the same records (a distinct data version), the MS-CNN
# encoder trained on the driver, features on the executors, then a tiny random-init Qwen3 + LoRA (the
# local proof of the path features -> projector -> prompt -> LoRA -> answers). Env: ENCODER_EPOCHS (3),
# LLM_TRAIN_ROWS (192 training windows for the LLM), QWEN3_TOKENIZER (folder with tokenizer.json; default
# ../shared/fixtures/qwen3-tokenizer).
"${RUN[@]}" preprocess --tables "$TABLE_ROOT" --window 2400 --stride 2400 --pad drop
"${RUN[@]}" train-encoder --tables "$TABLE_ROOT" --epochs "${ENCODER_EPOCHS:-3}"
"${RUN[@]}" features --tables "$TABLE_ROOT"
TOKENIZER="${QWEN3_TOKENIZER:-$HERE/../../shared/fixtures/qwen3-tokenizer}"
if [[ -f "$TOKENIZER/tokenizer.json" ]]; then
  "${RUN[@]}" train-llm --tables "$TABLE_ROOT" --tiny --tokenizer "$TOKENIZER" --max-train-rows "${LLM_TRAIN_ROWS:-192}"
  "${RUN[@]}" sql --tables "$TABLE_ROOT" \
    "SELECT mo.family, me.level, me.metric, round(me.value, 4) AS value FROM ecg_metrics me
     JOIN ecg_models mo ON me.run_id = mo.run_id
     WHERE me.split = 'test' AND me.level IN ('llm', 'segment') AND mo.family IN ('mscnn', 'qwen3-ecgllm')
       AND me.metric IN ('accuracy', 'f1', 'auroc', 'invalid_rate') ORDER BY mo.family, me.metric"
else
  echo "run-local: no Qwen3 tokenizer.json in $TOKENIZER (set QWEN3_TOKENIZER): skipping train-llm" >&2
fi
