/**
 * Parameter-efficient fine-tuning on {@code org.ecgpeft.model.nn} modules.
 *
 * <p>LoRA: {@link org.ecgpeft.peft.Lora#apply} attaches a {@link org.ecgpeft.peft.LoraLinear} (FP32
 * {@code lora_A}/{@code lora_B}) to every targeted {@code Linear} of a materialized model and freezes the rest
 * except {@code modules_to_save}; {@link org.ecgpeft.peft.LoraAdapterFiles} reads and writes HF peft's adapter
 * layout ({@code adapter_config.json} + {@code adapter_model.safetensors}, names
 * {@code base_model.model.<module>.lora_A.weight}), so adapters move between this pipeline and Python.
 *
 * <p>Bottleneck adapters: {@link org.ecgpeft.peft.Adapters#apply} inserts
 * {@link org.ecgpeft.peft.BottleneckAdapter}s at the modules' adapter sites (Houlsby: attention and
 * feed-forward; Pfeiffer: feed-forward); {@link org.ecgpeft.peft.AdapterFiles} stores them in our own
 * AdapterHub-like format, since HF peft has none.
 */
package org.ecgpeft.peft;
