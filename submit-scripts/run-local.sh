#!/usr/bin/env bash
# The main job end to end on this machine: ingest synthetic ECG -> preprocess -> SQL summary ->
# train the small PEFT study (tiny wav2vec2/HuBERT/ECG-FM x LoRA/Houlsby/Pfeiffer) -> its validation F1 ->
# the ECG-LLM study (MS-CNN, features, tiny Qwen3 + LoRA) -> evaluate the models on the executors ->
# report (report.md + figures/*.png).
# Usage: submit-scripts/run-local.sh [TABLE_ROOT]   (default ./ecg-lake, or env TABLE_ROOT)
# Env: SYNTHETIC_RECORDS (default 400); STUDY_PLAN (default conf/peft-study-local.json); TRAIN_MAX_SEGMENTS
# (segments per split for training, default 640); ECG_ALLOCATOR=system keeps glibc malloc's defaults (ecg-pipeline
# otherwise sets GLIBC_TUNABLES so native memory is reused between training steps). Re-running is safe: every
# stage is idempotent.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
TABLE_ROOT="${1:-${TABLE_ROOT:-./ecg-lake}}"
RUN=("$HERE/ecg-pipeline")

"${RUN[@]}" ingest --tables "$TABLE_ROOT" --synthetic "${SYNTHETIC_RECORDS:-400}"
"${RUN[@]}" preprocess --tables "$TABLE_ROOT"
"${RUN[@]}" sql --tables "$TABLE_ROOT" \
  "SELECT data_version, split, label, count(DISTINCT record_id) AS records, count(*) AS segments
   FROM ecg_segments GROUP BY data_version, split, label ORDER BY data_version, split, label"
"${RUN[@]}" train --tables "$TABLE_ROOT" --plan "${STUDY_PLAN:-$ROOT/conf/peft-study-local.json}" \
  --max-segments "${TRAIN_MAX_SEGMENTS:-640}"
"${RUN[@]}" sql --tables "$TABLE_ROOT" \
  "SELECT m.family, m.peft, m.trainable_params, m.total_params, round(m.train_seconds, 1) AS train_s,
          round(max(c.value), 3) AS best_val_f1
   FROM ecg_models m JOIN ecg_training_curves c ON c.run_id = m.run_id
   WHERE c.split = 'validation' AND c.metric = 'f1'
   GROUP BY m.family, m.peft, m.trainable_params, m.total_params, m.train_seconds ORDER BY m.family, m.peft"
# ECG-LLM study, small: 2,400-sample windows of the same records (a distinct data version), the MS-CNN
# encoder trained on the driver (random crops of whole records), features on the executors, then a tiny
# random-init Qwen3 + LoRA (the local proof of the path features -> projector -> prompt -> LoRA -> answers).
# Env: ENCODER_EPOCHS (12, early stopping), LLM_TRAIN_ROWS (192 training windows for the LLM),
# QWEN3_TOKENIZER (folder with tokenizer.json; default: the Qwen3 tokenizer shipped in tokenizers/qwen3).
"${RUN[@]}" preprocess --tables "$TABLE_ROOT" --window 2400 --stride 2400 --pad drop
# One random crop per training record per epoch: a small synthetic set needs more, smaller steps than CinC.
"${RUN[@]}" train-mscnn --tables "$TABLE_ROOT" --epochs "${ENCODER_EPOCHS:-12}" --batch-size 16 --lr 3e-3
"${RUN[@]}" features --tables "$TABLE_ROOT"
"${RUN[@]}" train-llm --tables "$TABLE_ROOT" --tiny --tokenizer "${QWEN3_TOKENIZER:-$ROOT/tokenizers/qwen3}" \
  --max-train-rows "${LLM_TRAIN_ROWS:-192}"
# The saved checkpoint (LoRA + projector) reloaded: it must repeat the answers of the end of training.
"${RUN[@]}" answer-llm --tables "$TABLE_ROOT"
"${RUN[@]}" sql --tables "$TABLE_ROOT" \
  "SELECT mo.family, me.level, me.metric, round(me.value, 4) AS value FROM ecg_metrics me
   JOIN ecg_models mo ON me.run_id = mo.run_id
   WHERE me.split = 'test' AND me.level IN ('llm', 'segment') AND mo.family IN ('mscnn', 'qwen3-ecgllm')
     AND me.metric IN ('accuracy', 'f1', 'auroc', 'auprc', 'invalid_rate') ORDER BY mo.family, me.metric"

# Every PEFT-study and MS-CNN model is evaluated on the current segments on the executors (segment and record
# level; MERGE: re-runs change nothing); the ECG-LLM run answers every window through its encoder's features
# (levels llm and llm-record).
"${RUN[@]}" evaluate --tables "$TABLE_ROOT"

# The report from all tables: $TABLE_ROOT/report (report.md + figures/*.png).
"${RUN[@]}" report --tables "$TABLE_ROOT" --out "$TABLE_ROOT/report"
