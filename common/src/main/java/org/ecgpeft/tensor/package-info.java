/**
 * Checkpoint I/O without Python: safetensors (memory-mapped per tensor, shards over 2 GiB,
 * {@code model.safetensors.index.json}, F32/F16/BF16 and integers), torch zip-pickle files
 * ({@code pytorch_model.bin}, {@code .pt}) and fairseq checkpoints, key renaming, and loading into
 * DJL parameters.
 *
 * <p>Entry points: {@link org.ecgpeft.tensor.Checkpoints#open} gives a
 * {@link org.ecgpeft.tensor.TensorReader} for any layout; {@link org.ecgpeft.tensor.FairseqCheckpoint}
 * adds the decoded {@code cfg}; {@link org.ecgpeft.tensor.StateDictLoader} with a
 * {@link org.ecgpeft.tensor.KeyMapping} fills a model's parameters and reports missing and
 * unexpected keys; {@link org.ecgpeft.tensor.SafetensorsWriter} saves arrays in the Hugging Face
 * format. DJL's PyTorch JNI has no bfloat16, so BF16 is widened (or narrowed to FP16) in Java.
 */
package org.ecgpeft.tensor;
