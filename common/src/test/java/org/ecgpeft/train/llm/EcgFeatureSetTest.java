package org.ecgpeft.train.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.ecgpeft.eval.AnswerParser;
import org.ecgpeft.eval.AnswerVocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcgFeatureSetTest {

    @TempDir
    Path tmp;

    @Test
    void fileRoundTripKeepsFeaturesLabelsAndEncoderPredictions() throws IOException {
        EcgFeatureSet set =
                new EcgFeatureSet(new float[] {1, 2, 3, 4, 5, 6}, 2, new int[] {0, 1, 1}, new int[] {0, 0, 1});
        Path file = tmp.resolve("f.safetensors");
        set.write(file);
        EcgFeatureSet read = EcgFeatureSet.read(file);
        assertArrayEquals(set.features(), read.features());
        assertEquals(2, read.dim());
        assertArrayEquals(set.labels(), read.labels());
        assertArrayEquals(set.encoderPred(), read.encoderPred());
        EcgFeatureSet sub = read.subset(new int[] {2, 0});
        assertArrayEquals(new float[] {5, 6, 1, 2}, sub.features());
        assertArrayEquals(new int[] {1, 0}, sub.encoderPred());
    }

    @Test
    void badLabelIsReportedWithFileKeyAndRow() throws IOException {
        Path file = tmp.resolve("bad.safetensors");
        new EcgFeatureSet(new float[] {1, 2}, 1, new int[] {0, 1}, null).write(file);
        EcgFeatureSet ok = EcgFeatureSet.read(file);
        assertNull(ok.encoderPred());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new EcgFeatureSet(new float[] {1, 2}, 1, new int[] {0, 2}, null));
        assertTrue(e.getMessage().contains("labels row 1"), e.getMessage());
        IOException missing =
                assertThrows(IOException.class, () -> EcgFeatureSet.read(tmp.resolve("none.safetensors")));
        assertTrue(missing.getMessage().contains("none.safetensors"), missing.getMessage());
    }

    @Test
    void syntheticClustersAreBalancedAndSeparated() {
        EcgFeatureSet set = SyntheticFeatures.generate(100, 64, 1.0, 9);
        assertEquals(50, Arrays.stream(set.labels()).sum());
        // Projected on row 0 (a noisy sample of its class mean), the two classes lie far apart.
        double[] mean = new double[2];
        for (int i = 0; i < set.size(); i++) {
            double s = 0;
            for (int d = 0; d < 64; d++) {
                s += set.features()[i * 64 + d] * set.features()[d];
            }
            mean[set.labels()[i]] += s / 50;
        }
        assertTrue(Math.abs(mean[1] - mean[0]) > 10, Arrays.toString(mean));
    }

    @Test
    void comparisonCountsInvalidAnswersAsWrongAndReportsTheEncoder() {
        AnswerParser parser = new AnswerParser(AnswerVocabulary.CHINESE);
        LlmComparison c = LlmComparison.of(
                new int[] {1, 0, 1, 0}, List.of("有房颤。", "无房颤。", "不确定", "有房颤。"), new int[] {1, 0, 0, 0}, parser);
        assertEquals(1, c.llm().invalid());
        assertEquals(0.5, c.llm().metrics().accuracy(), 1e-12);
        assertEquals(0.75, c.encoder().accuracy(), 1e-12);
        assertTrue(c.summary().contains("invalid answers 1"), c.summary());
    }
}
