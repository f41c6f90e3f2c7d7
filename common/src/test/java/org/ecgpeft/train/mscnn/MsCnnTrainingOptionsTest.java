package org.ecgpeft.train.mscnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.signal.RecordSplitter;
import org.ecgpeft.train.mscnn.MsCnnTrainingConfig.Balance;
import org.junit.jupiter.api.Test;

class MsCnnTrainingOptionsTest {

    @Test
    void parsesTheDocumentedOptions() {
        MsCnnTrainingOptions o = MsCnnTrainingOptions.parse(new String[] {
            "--wfdb",
            "/data/cinc",
            "--out",
            "/tmp/o",
            "--epochs",
            "3",
            "--batch",
            "16",
            "--lr",
            "5e-4",
            "--preset",
            "paper",
            "--k2",
            "9",
            "--seed",
            "7",
            "--class-weights",
            "--eval-stride",
            "600",
            "--skip-train-eval"
        });
        assertEquals(Path.of("/data/cinc"), o.wfdb());
        assertEquals(MsCnnConfig.paper(9), o.config().model());
        assertEquals(3, o.config().epochs());
        assertEquals(16, o.config().batchSize());
        assertEquals(5e-4, o.config().learningRate());
        assertEquals(Balance.CLASS_WEIGHTS, o.config().balance());
        assertTrue(o.config().trainerConfig().classWeighting());
        assertFalse(o.config().trainerConfig().oversample());
        assertEquals(600, o.config().evalStride());
        assertFalse(o.config().evaluateTrain());
        assertEquals(RecordSplitter.standard(7), o.splitter());
    }

    @Test
    void defaultsAreCompactK7WithOversampling() {
        MsCnnTrainingOptions o = MsCnnTrainingOptions.parse(new String[] {"--wfdb", "w", "--out", "o"});
        assertEquals(MsCnnConfig.compact(7), o.config().model());
        assertEquals(Balance.OVERSAMPLE, o.config().balance());
        assertEquals(1200, o.config().evalStride());
        assertTrue(o.config().evaluateTrain());
    }

    @Test
    void badOptionsAreNamed() {
        assertMessage("--out is required", "--wfdb", "w");
        assertMessage("--epochs must be an integer", "--wfdb", "w", "--out", "o", "--epochs", "x");
        assertMessage("--preset must be compact or paper", "--wfdb", "w", "--out", "o", "--preset", "big");
        assertMessage("unknown option '--bogus'", "--bogus");
        assertMessage("exclude each other", "--wfdb", "w", "--out", "o", "--oversample", "--class-weights");
        assertMessage("batch_size must be positive", "--wfdb", "w", "--out", "o", "--batch", "0");
        assertMessage("--lr needs a value", "--lr");
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MsCnnTrainingOptions.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
