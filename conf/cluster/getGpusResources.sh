#!/usr/bin/env bash
# Spark GPU discovery script (spark.{driver,executor}.resource.gpu.discoveryScript).
# Prints the ResourceInformation JSON Spark expects, e.g. {"name": "gpu", "addresses": ["0", "1"]},
# listing the GPUs nvidia-smi can see (in YARN/K8s containers: the ones assigned to the container).
set -euo pipefail

if ! command -v nvidia-smi > /dev/null 2>&1; then
    echo "getGpusResources.sh: nvidia-smi not found on $(hostname); no GPU can be assigned" >&2
    exit 1
fi

indices=$(nvidia-smi --query-gpu=index --format=csv,noheader)
addresses=""
while IFS= read -r index; do
    index="${index//[[:space:]]/}"
    [[ -z "$index" ]] && continue
    if [[ ! "$index" =~ ^[0-9]+$ ]]; then
        echo "getGpusResources.sh: unexpected nvidia-smi output line: $index" >&2
        exit 1
    fi
    addresses+="${addresses:+, }\"$index\""
done <<< "$indices"

echo "{\"name\": \"gpu\", \"addresses\": [$addresses]}"
