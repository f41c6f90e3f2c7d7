package org.ecgpeft.jobs;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.UserErrors;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.lake.SparkSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every job that reads tables, run on an empty table root: a user error saying what is missing, not success. */
class EmptyTableRootTest {
    private static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("empty-root-test", 1, 1);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void everyJobSaysWhatIsMissing() {
        String root = tmp.resolve("lake").toString();
        Map<String, List<String>> cases = new TreeMap<>(Map.of(
                "preprocess", List.of("ecg_records"),
                "train", List.of("--plan", "../conf/peft-study-local.json", "ecg_segments"),
                "train-mscnn", List.of("ecg_segments"),
                "features", List.of("ecg_"),
                "train-llm", List.of("--tiny", "--tokenizer", tmp.toString(), "ecg_"),
                "answer-llm", List.of("ecg_models"),
                "evaluate", List.of("nothing to evaluate: no ecg_models"),
                "reevaluate", List.of("nothing to evaluate: no ecg_models"),
                "report", List.of("--out", tmp.resolve("report").toString(), "ecg_segments"),
                "sql", List.of("SELECT count(*) FROM ecg_metrics", "ecg_metrics")));
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            List<String> args =
                    new ArrayList<>(c.getValue().subList(0, c.getValue().size() - 1));
            args.addAll(List.of("--tables", root));
            String expected = c.getValue().get(c.getValue().size() - 1);
            Job<?> job = Main.defaultJobs().stream()
                    .filter(j -> j.name().equals(c.getKey()))
                    .findFirst()
                    .orElseThrow();
            Exception e = assertThrows(Exception.class, () -> run(job, args.toArray(String[]::new)), c.getKey());
            Optional<String> message = UserErrors.message(e, AnalysisException.class);
            if (message.isEmpty() || !message.get().contains(expected)) {
                failures.add(c.getKey() + ": " + message.orElse("not a user error: " + e));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static <C> void run(Job<C> job, String[] args) throws Exception {
        job.run(spark, job.configure(job.options().parse(args)));
    }
}
