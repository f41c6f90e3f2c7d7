package org.ecgpeft.train.mscnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ecgpeft.cli.ToolMain;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.signal.EcgFormatException;
import org.ecgpeft.signal.RecordSplitter;
import org.ecgpeft.signal.RecordSplitter.Split;
import org.ecgpeft.signal.SharedCinc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderCommandsTest {

    @Test
    void wfdbFolderGivesOnlyNormalAndAfRecords(@TempDir Path dir) throws Exception {
        List<AfRecord> written = SyntheticAf.records(6, 4, 0.5, 3);
        SyntheticAf.writeWfdb(dir, written, 300);
        List<AfRecord> read = CincAfRecords.load(dir, 300);
        assertEquals(written.size(), read.size(), "O and ~ records are left out");
        for (int i = 0; i < read.size(); i++) {
            assertEquals(written.get(i).recordId(), read.get(i).recordId());
            assertEquals(written.get(i).label(), read.get(i).label());
            assertArrayEquals(
                    SyntheticAf.quantised(written.get(i).signal()), read.get(i).signal(), 1e-6f);
        }
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> CincAfRecords.load(dir, 500));
        assertTrue(e.getMessage().contains("500"), e.getMessage());
    }

    @Test
    void realCincFolderGivesTheNormalAndAfRecordsAtLeast9SecondsLong() throws Exception {
        Path folder = SharedCinc.folderOrSkip("the real-data record test");
        List<AfRecord> records = CincAfRecords.load(folder, 300);
        assertEquals(4919, records.size());
        assertEquals(627, records.stream().filter(r -> r.label() == 1).count());
        assertTrue(records.stream().allMatch(r -> r.signal().length >= 2400), "CinC records are at least 9 s");
    }

    @Test
    void evaluationCommandScoresACheckpointOnValidationAndTest(@TempDir Path dir) throws Exception {
        List<AfRecord> records = SyntheticAf.records(40, 6, 0.3, 9);
        Path wfdb = Files.createDirectories(dir.resolve("wfdb"));
        SyntheticAf.writeWfdb(wfdb, records, 300);
        Engine.getInstance().setRandomSeed(2);
        try (NDManager m = NDManager.newBaseManager()) {
            MsCnn net = new MsCnn(new MsCnnConfig(1200, 3, 5, List.of(4, 8), List.of(1, 1), 6, 0f, 2));
            net.materialize(m, DataType.FLOAT32, true);
            MsCnnCheckpoint.save(dir.resolve("model"), net);
        }
        Path out = dir.resolve("figures.json");
        int status = new ToolMain(System.out, System.err).run(new MsCnnEvaluationCommand(), new String[] {
            "--wfdb",
            wfdb.toString(),
            "--checkpoint",
            dir.resolve("model").toString(),
            "--out",
            out.toString(),
            "--seed",
            "5",
            "--eval-stride",
            "600"
        });
        assertEquals(0, status);
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        int testRecords =
                RecordSplitter.standard(5).split(records).get(Split.TEST).size();
        assertEquals(testRecords, root.at("/metrics/test/records").asInt());
        assertEquals(testRecords, root.at("/metrics/test/record/n").asInt());
        // 6-s records (1,800 samples) give windows at 0 and 600 with 1,200-sample windows and stride 600.
        assertEquals(2 * testRecords, root.at("/metrics/test/windows").asInt());
        assertTrue(root.at("/metrics/train").isMissingNode(), "only validation and test are evaluated");
        assertTrue(root.at("/tuned_threshold").isNumber());
        assertTrue(
                root.at("/metrics_tuned/val/record/f1").asDouble()
                        >= root.at("/metrics/val/record/f1").asDouble(),
                "the tuned threshold is at least as good as 0.5 on validation");
    }
}
