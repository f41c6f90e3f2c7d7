package org.ecgpeft.train.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ecgpeft.eval.BinaryMetrics;
import org.ecgpeft.train.SegmentDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyRunnerTest {

    @TempDir
    Path dir;

    static Path writePlan(Path dir, List<Family> families, List<String> methods, int epochs) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode fam = root.putObject("families");
        for (Family f : families) {
            fam.putObject(f.key()).set("tiny", StudyFixtures.tinyJson(f));
        }
        methods.forEach(root.putArray("methods")::add);
        root.putObject("peft").put("lora_dropout", 0.0).put("adapter_activation", "relu");
        ObjectNode trainer = root.putObject("trainer");
        trainer.put("epochs", epochs)
                .put("batch_size", 16)
                .put("learning_rate", 1e-2)
                .put("patience", 0)
                .put("seed", 7)
                .put("log_every", 1000);
        ObjectNode search = root.putObject("search");
        search.putArray("learning_rate").add(1e-2);
        search.putArray("batch_size").add(16);
        search.putArray("epochs").add(epochs);
        search.putArray("lora_r").add(4);
        search.putArray("lora_alpha").add(8);
        search.putArray("reduction_factor").add(4);
        Path file = dir.resolve("plan.json");
        json.writeValue(file.toFile(), root);
        return file;
    }

    @Test
    void aTinyModelLearnsAfVersusNormalRhythmAndItsArtifactPredictsTheSame() throws IOException {
        SegmentDataset train = StudyFixtures.synthetic(192, 11);
        SegmentDataset val = StudyFixtures.synthetic(64, 12);
        StudyPlan plan = StudyPlan.read(writePlan(dir, List.of(Family.WAV2VEC2), List.of("lora"), 5));
        RunResult run;
        try (NDManager m = NDManager.newBaseManager()) {
            run = new StudyRunner(m)
                    .run(plan, train, val, new DataTag("per-segment", "test@v1"), dir.resolve("runs"), RunListener.NONE)
                    .get(0);
        }
        assertTrue(run.bestF1() > 0.8, "validation F1 " + run.bestF1());
        assertEquals(5 * 9, run.curves().size());
        assertEquals(
                run.bestF1(),
                run.curves().stream()
                        .filter(c -> c.metric().equals("f1"))
                        .mapToDouble(c -> c.value())
                        .max()
                        .orElseThrow(),
                1e-12);
        assertTrue(run.peakMemoryBytes() > 0 && run.stepTimeMs() > 0 && run.trainSeconds() > 0);
        try (NDManager m = NDManager.newBaseManager();
                SegmentClassifier c = SegmentClassifiers.load(run.checkpointDir(), m)) {
            double[] p = c.predictProbabilities(val.segments());
            int[] pred = Arrays.stream(p).mapToInt(x -> x >= 0.5 ? 1 : 0).toArray();
            assertEquals(
                    run.bestF1(), BinaryMetrics.compute(val.labels(), pred, p).f1(), 0.02);
        }
    }

    @Test
    void everyFamilyAndMethodRunsOnceWithStableIds() throws IOException {
        SegmentDataset train = StudyFixtures.synthetic(32, 21);
        SegmentDataset val = StudyFixtures.synthetic(16, 22);
        StudyPlan plan =
                StudyPlan.read(writePlan(dir, List.of(Family.values()), List.of("lora", "houlsby", "pfeiffer"), 1));
        DataTag data = new DataTag("per-segment", "test@v2");
        List<RunResult> first;
        List<RunResult> again;
        List<String> events = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            first = new StudyRunner(m).run(plan, train, val, data, dir.resolve("runs"), new RunListener() {
                @Override
                public void started(String runId) {
                    events.add("started " + runId);
                }

                @Override
                public void finished(RunResult result) {
                    events.add("finished " + result.runId());
                }
            });
            // A re-run finds every epoch checkpoint and resumes past the end: same ids, same curves.
            again = new StudyRunner(m).run(plan, train, val, data, dir.resolve("runs"), RunListener.NONE);
        }
        assertEquals(9, first.size());
        assertEquals(plan.runCount(), first.size());
        // Each run is announced before it trains and reported (so its rows can be stored) before the next one.
        List<String> expected = new ArrayList<>();
        first.forEach(r -> expected.addAll(List.of("started " + r.runId(), "finished " + r.runId())));
        assertEquals(expected, events);
        assertEquals(9, first.stream().map(RunResult::runId).distinct().count());
        for (int i = 0; i < first.size(); i++) {
            RunResult r = first.get(i);
            assertTrue(r.runId().matches(r.family().key() + "-" + r.peft().key() + "-[0-9a-f]{12}"), r.runId());
            assertEquals(r.runId(), again.get(i).runId());
            assertEquals(r.curves(), again.get(i).curves());
            assertEquals(9, r.curves().size());
            assertTrue(Files.isRegularFile(r.checkpointDir().resolve(ArtifactManifest.FILE)));
            assertTrue(r.trainableParams() > 0 && r.trainableParams() < r.totalParams());
        }
        assertEquals(
                List.of(Family.WAV2VEC2, Family.WAV2VEC2, Family.WAV2VEC2, Family.HUBERT),
                first.subList(0, 4).stream().map(RunResult::family).toList());
        assertEquals(
                List.of(PeftMethod.LORA, PeftMethod.HOULSBY, PeftMethod.PFEIFFER),
                first.subList(0, 3).stream().map(RunResult::peft).toList());
    }
}
