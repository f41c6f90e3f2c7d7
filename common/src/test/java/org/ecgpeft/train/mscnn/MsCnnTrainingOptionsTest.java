package org.ecgpeft.train.mscnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ecgpeft.cli.UsageException;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.signal.RecordSplitter;
import org.ecgpeft.train.mscnn.MsCnnTrainingConfig.Balance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MsCnnTrainingOptionsTest {

    @Test
    void parsesTheDocumentedOptions() throws Exception {
        MsCnnTrainingOptions o = parse(
                "--wfdb",
                "/data/cinc",
                "--out",
                "/tmp/o",
                "--epochs",
                "3",
                "--batch-size",
                "16",
                "--lr",
                "5e-4",
                "--preset",
                "paper",
                "--k2",
                "9",
                "--seed",
                "7",
                "--balance",
                "class-weights",
                "--eval-stride",
                "600",
                "--skip-train-eval");
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
    void defaultsAreCompactK7WithOversampling() throws Exception {
        MsCnnTrainingOptions o = parse("--wfdb", "w", "--out", "o");
        assertEquals(MsCnnConfig.compact(7), o.config().model());
        assertEquals(Balance.OVERSAMPLE, o.config().balance());
        assertEquals(1200, o.config().evalStride());
        assertTrue(o.config().evaluateTrain());
    }

    @Test
    void badOptionsAreNamed() {
        assertMessage("option --out is required", "--wfdb", "w");
        assertMessage("option --epochs: 'x' is not an integer", "--wfdb", "w", "--out", "o", "--epochs", "x");
        assertMessage("--preset must be compact or paper", "--wfdb", "w", "--out", "o", "--preset", "big");
        assertMessage("unknown option --bogus", "--bogus");
        assertMessage(
                "--balance must be oversample or class-weights, got 'both'",
                "--wfdb",
                "w",
                "--out",
                "o",
                "--balance",
                "both");
        assertMessage(
                "option --batch-size must be at least 1, got 0", "--wfdb", "w", "--out", "o", "--batch-size", "0");
        assertMessage("option --lr needs a value", "--lr");
        // the old spellings are gone (no script used them): the error names the new one
        assertMessage("unknown option --batch (did you mean --batch-size", "--wfdb", "w", "--out", "o", "--batch", "8");
        assertMessage("unknown option --epoch (did you mean --epochs?)", "--wfdb", "w", "--out", "o", "--epoch", "8");
    }

    @Test
    void anArgFileAndNameEqualsValueAreRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mscnn.args");
        Files.writeString(
                file, "--wfdb /data/cinc\n--out /tmp/o\n--epochs 4\n# the study's balance\n--balance class-weights\n");
        MsCnnTrainingOptions o = parse("@" + file, "--epochs=6", "--k2=5");
        assertEquals(Path.of("/data/cinc"), o.wfdb());
        assertEquals(6, o.config().epochs(), "a later value wins over the file's");
        assertEquals(MsCnnConfig.compact(5), o.config().model());
        assertEquals(Balance.CLASS_WEIGHTS, o.config().balance());
    }

    private static MsCnnTrainingOptions parse(String... args) throws UsageException {
        return new MsCnnTrainingCommand().parse(args).orElseThrow();
    }

    private static void assertMessage(String expected, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> parse(args));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
