/**
 * Training and inference of the ECG-reading LLM ({@link org.ecgpeft.ecgllm.EcgLlm}) on encoder features:
 * {@link org.ecgpeft.train.llm.EcgLlmTrainer} (LoRA + projector with the {@code train} package's AdamW, schedule
 * and clipping; a LoRA + projector checkpoint per epoch), {@link org.ecgpeft.train.llm.EcgLlmAnswerer} (batched
 * greedy answers), {@link org.ecgpeft.train.llm.LlmComparison} (parsed answers next to the encoder alone) and
 * the Spark-free command {@link org.ecgpeft.train.llm.EcgLlmCommand}.
 */
package org.ecgpeft.train.llm;
