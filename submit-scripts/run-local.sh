#!/usr/bin/env bash
# The main job end to end on this machine: ingest synthetic ECG -> preprocess -> SQL summary -> evaluate the
# registered models -> report.
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
# Every model registered in ecg_models is evaluated on the current segments (MERGE: re-runs change nothing),
# then the report is written to $TABLE_ROOT/report (report.md + figures/*.png).
"${RUN[@]}" evaluate --tables "$TABLE_ROOT"
"${RUN[@]}" report --tables "$TABLE_ROOT" --out "$TABLE_ROOT/report"
