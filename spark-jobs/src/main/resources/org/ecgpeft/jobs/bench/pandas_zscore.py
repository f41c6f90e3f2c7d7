# bench-ingest's pandas baseline: pandas.read_csv of a segment CSV (samples then a 0/1 label, no header) and a
# per-row z-score with numpy, nothing stored; prints one JSON object. Run as: python3 - FILE < pandas_zscore.py
import json
import sys
import time

try:
    import numpy as np
    import pandas as pd
except ImportError as e:
    print(json.dumps({"error": "pandas or numpy missing: %s" % e}))
    sys.exit(0)

start = time.perf_counter()
frame = pd.read_csv(sys.argv[1], header=None)
samples = frame.iloc[:, :-1].to_numpy(dtype=np.float32)
labels = frame.iloc[:, -1].to_numpy()
mean = samples.mean(axis=1, keepdims=True)
std = samples.std(axis=1, keepdims=True)
z = (samples - mean) / np.maximum(std, np.float32(1e-6))
seconds = time.perf_counter() - start
print(json.dumps({"rows": int(z.shape[0]) if labels.size else 0, "seconds": seconds, "pandas": pd.__version__}))
