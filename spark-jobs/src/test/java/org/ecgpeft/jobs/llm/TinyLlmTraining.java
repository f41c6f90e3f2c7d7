package org.ecgpeft.jobs.llm;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.ecgllm.EcgLlmConfig;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.model.qwen3.Qwen3MemoryBudget;
import org.ecgpeft.train.llm.LlmTrainingConfig;

/**
 * The tiny ECG-LLM the job tests train on a lake's latest features: a 1,024-wide Qwen3 of 8 layers on the
 * Qwen3 tokenizer the project ships, half the training rows, enough steps at 8 epochs for it to answer in words
 * the parser reads.
 */
public final class TinyLlmTraining {
    private TinyLlmTraining() {}

    /** Trains the tiny ECG-LLM for {@code epochs} on the features of {@code lake}'s latest encoder run. */
    public static TrainLlmResult train(SparkSession spark, Lake lake, int epochs) throws IOException {
        LlmTrainingConfig training = new LlmTrainingConfig(epochs, 4, 1, 5e-3, 2, 0.0, 1.0, 42, 5, 16);
        EcgLlmConfig llm = new EcgLlmConfig(1024, 8, 16, 0.05, Qwen3MemoryBudget.PROJECTIONS, 0.1, "zh", 32);
        return new TrainLlmJob()
                .train(
                        spark,
                        new TrainLlmConfig(
                                lake.root(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                true,
                                // Tests run in the module folder.
                                Optional.of(Path.of("..", "tokenizers", "qwen3")),
                                DataType.FLOAT32,
                                llm,
                                training,
                                false,
                                new TrainRowSubset(0, OptionalDouble.of(0.5), 42)));
    }
}
