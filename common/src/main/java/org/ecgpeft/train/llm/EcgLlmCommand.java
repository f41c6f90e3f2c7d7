package org.ecgpeft.train.llm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ecgpeft.cli.ToolMain;
import org.ecgpeft.ecgllm.EcgLlmConfig;
import org.ecgpeft.eval.AnswerParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ecg-llm} tool, Spark-free: {@code ecg-llm train} ({@link EcgLlmTrainCommand}) and {@code ecg-llm answer}
 * ({@link EcgLlmAnswerCommand}) on feature files (safetensors {@code features} [N,1024], {@code labels} [N] 0/1,
 * optional {@code encoder_pred} [N]); the Spark jobs {@code train-llm} and {@code answer-llm} do the same on the
 * lake's tables.
 */
public final class EcgLlmCommand {

    private static final Logger LOG = LoggerFactory.getLogger(EcgLlmCommand.class);

    private EcgLlmCommand() {}

    public static void main(String[] args) throws Exception {
        ToolMain.main(
                "ecg-llm",
                "Train or query the ECG-LLM (Qwen3 + LoRA + projector) on feature files, without Spark.",
                List.of(new EcgLlmTrainCommand(), new EcgLlmAnswerCommand()),
                args);
    }

    /** Answers {@code set}, logs the comparison with the encoder and writes the files that are not null. */
    static LlmComparison report(
            EcgLlmAnswerer answerer, EcgFeatureSet set, EcgLlmConfig config, Path answersCsv, Path metricsJson)
            throws IOException {
        AnswerParser parser = config.prompt().parser();
        List<String> answers = answerer.answer(set);
        LlmComparison comparison = LlmComparison.of(set.labels(), answers, set.encoderPred(), parser);
        LOG.info(comparison.summary());
        answers.stream().distinct().limit(5).forEach(a -> LOG.info("answer: {}", a));
        if (answersCsv != null) {
            Files.createDirectories(answersCsv.toAbsolutePath().getParent());
            LlmRunFiles.writeAnswers(answersCsv, set, answers, parser);
            LlmRunFiles.writeMetrics(metricsJson, comparison);
        }
        return comparison;
    }
}
