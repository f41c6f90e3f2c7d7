/**
 * The ECG-LLM: a frozen Qwen3 whose {@code <|ecg_feature|>} prompt token is replaced by the projected ECG encoder
 * feature, adapted with LoRA ({@link org.ecgpeft.ecgllm.EcgLlm}); its prompt and answers
 * ({@link org.ecgpeft.ecgllm.PromptTemplate}, {@link org.ecgpeft.ecgllm.EcgPromptTokens},
 * {@link org.ecgpeft.ecgllm.EcgLlmBatch}), checkpoints holding only LoRA (HF peft layout) and the projector
 * ({@link org.ecgpeft.ecgllm.EcgLlmCheckpoint}), and the tiny random base of the local proof
 * ({@link org.ecgpeft.ecgllm.TinyQwen3Base}).
 */
package org.ecgpeft.ecgllm;
