#!/usr/bin/env python3
"""HF transformers + peft at bench-train's shapes: one JSON object per configuration on stdout.

Usage: hf_bench.py CONFIG... where CONFIG is model:peft:dtype:batch:size[:steps] (size = samples, or tokens for
qwen3-8b), e.g. wav2vec2-base:lora:fp32:32:32000 qwen3-8b:lora:fp16:4:96. Random init at the real configs (HF
defaults of Wav2Vec2Config/HubertConfig are wav2vec2-base/hubert-base; Qwen3-8B's published sizes). ECG-FM has no HF
class and is reported as skipped. Exits 3 when torch, transformers or peft is missing.
"""
import json
import statistics
import sys
import time

try:
    import torch
    import transformers
    import peft
except ImportError as e:  # the caller records the reason and goes on without HF figures
    print(f"hf_bench.py: {e}", file=sys.stderr)
    sys.exit(3)

DTYPES = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}


def encoder(name, dtype, batch, samples, device):
    if name == "wav2vec2-base":
        model = transformers.Wav2Vec2ForSequenceClassification(transformers.Wav2Vec2Config(num_labels=2))
    else:
        model = transformers.HubertForSequenceClassification(transformers.HubertConfig(num_labels=2))
    model = model.to(device=device, dtype=DTYPES[dtype])
    config = peft.LoraConfig(r=16, lora_alpha=32, lora_dropout=0.0,
                             target_modules=["q_proj", "k_proj", "v_proj", "out_proj"],
                             modules_to_save=["projector", "classifier"])
    model = peft.get_peft_model(model, config)
    x = torch.randn(batch, samples, device=device, dtype=DTYPES[dtype])
    y = torch.arange(batch, device=device) % 2

    def step():
        logits = model(input_values=x).logits.float()
        return torch.nn.functional.cross_entropy(logits, y)
    return model, step, {"samples": samples}


VOCAB = 151936


def qwen3(dtype, batch, seq, device):
    config = transformers.Qwen3Config(hidden_size=4096, intermediate_size=12288, num_hidden_layers=36,
                                      num_attention_heads=32, num_key_value_heads=8, head_dim=128,
                                      vocab_size=VOCAB, max_position_embeddings=40960, rope_theta=1e6,
                                      tie_word_embeddings=False)
    with torch.device(device):
        model = transformers.Qwen3ForCausalLM(config).to(DTYPES[dtype])
    lora = peft.LoraConfig(r=16, lora_alpha=32, lora_dropout=0.05,
                             target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj",
                                             "down_proj"])
    model = peft.get_peft_model(model, lora)
    ids = torch.randint(0, VOCAB, (batch, seq + 1), device=device)

    def step():
        logits = model(input_ids=ids[:, :-1]).logits.float()
        return torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1))
    return model, step, {"seq": seq}


def run(spec, device):
    parts = spec.split(":")
    name, method, dtype, batch, size = parts[:5]
    steps = int(parts[5]) if len(parts) > 5 else 5
    batch, size = int(batch), int(size)
    out = {"model": name, "peft": method, "dtype": dtype, "device": device, "batch": batch, "steps": steps}
    if name == "ecg-fm" or method != "lora":
        out["skipped"] = "no HF class for ECG-FM" if name == "ecg-fm" else "HF side runs LoRA only"
        return out
    torch.manual_seed(1)
    if device == "cuda":
        torch.cuda.reset_peak_memory_stats()
    model, step, extra = qwen3(dtype, batch, size, device) if name == "qwen3-8b" else \
        encoder(name, dtype, batch, size, device)
    out.update(extra)
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=1e-4, weight_decay=0.01)
    out["params_total"] = sum(p.numel() for p in model.parameters())
    out["params_trainable"] = sum(p.numel() for p in params)
    times = []
    for i in range(steps + 1):  # one warm-up step
        if device == "cuda":
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        loss = step()
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        loss.item()
        if device == "cuda":
            torch.cuda.synchronize()
        if i > 0:
            times.append((time.perf_counter() - t0) * 1000)
    median = statistics.median(times)
    out["step_ms"] = round(median, 1)
    if name == "qwen3-8b":
        out["tokens_per_s"] = round(batch * size * 1000 / median, 1)
        model.eval()
        prompt = torch.randint(0, VOCAB, (1, size), device=device)
        with torch.no_grad():
            model.generate(prompt, max_new_tokens=16, min_new_tokens=16, do_sample=False)
            if device == "cuda":
                torch.cuda.synchronize()
            t0 = time.perf_counter()
            gen = model.generate(prompt, max_new_tokens=16, min_new_tokens=16, do_sample=False)
            if device == "cuda":
                torch.cuda.synchronize()
        out["generate_tokens_per_s"] = round((gen.shape[1] - size) / (time.perf_counter() - t0), 1)
    else:
        out["samples_per_s"] = round(batch * 1000 / median, 1)
    if device == "cuda":
        out["peak_memory_mb"] = round(torch.cuda.max_memory_allocated() / 1048576, 1)
    del model, optimizer
    if device == "cuda":
        torch.cuda.empty_cache()
    return out


def main():
    device = "cuda" if torch.cuda.is_available() else "cpu"
    print(json.dumps({"versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                                   "peft": peft.__version__, "cuda": torch.version.cuda}}), flush=True)
    for spec in sys.argv[1:]:
        try:
            print(json.dumps(run(spec, device)), flush=True)
        except Exception as e:  # one failed configuration (e.g. out of memory) must not lose the others
            print(json.dumps({"config": spec, "error": f"{type(e).__name__}: {e}"[:500]}), flush=True)


if __name__ == "__main__":
    main()
