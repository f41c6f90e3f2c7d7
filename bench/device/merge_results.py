#!/usr/bin/env python3
"""Merges bench-train's and hf_bench.py's JSON lines into one document, each DJL configuration beside HF's
configuration of the same model, PEFT method and dtype (when HF ran it), with DJL/HF ratios of the headline figures.

Usage: merge_results.py DJL.jsonl HF.jsonl TORCH_INFO_JSON HF_NOTE
"""
import json
import sys


def lines(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def key(result):
    # bench-train names a cut encoder by its family ("wav2vec2 (1 layers)"), a Qwen3 checkpoint by its folder.
    model = str(result.get("model", "")).split(" ")[0]
    model = {"wav2vec2": "wav2vec2-base", "hubert": "hubert-base-ls960", "ecgfm": "ecg-fm"}.get(model, model)
    return model, result.get("peft"), result.get("dtype")


def main():
    djl, hf = lines(sys.argv[1]), lines(sys.argv[2])
    versions = next((r["versions"] for r in hf if "versions" in r), None)
    hf_by_key = {key(r): r for r in hf if "model" in r}
    pairs = []
    for r in djl:
        pair = {"djl": r, "hf": hf_by_key.pop(key(r), None) if "model" in r else None}
        h = pair["hf"]
        if h and "step_ms" in h and "step_ms" in r:
            pair["step_time_djl_over_hf"] = round(r["step_ms"] / h["step_ms"], 3)
            if "peak_memory_mb" in h and r.get("peak_memory_mb"):
                pair["peak_memory_djl_over_hf"] = round(r["peak_memory_mb"] / h["peak_memory_mb"], 3)
        pairs.append(pair)
    doc = {"torch": json.loads(sys.argv[3]), "hf_versions": versions, "pairs": pairs,
           "hf_only": list(hf_by_key.values())}
    if sys.argv[4]:
        doc["hf_note"] = sys.argv[4]
    print(json.dumps(doc, indent=1))


if __name__ == "__main__":
    main()
