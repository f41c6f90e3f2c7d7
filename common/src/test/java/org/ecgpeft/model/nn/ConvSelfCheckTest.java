package org.ecgpeft.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decision rule of the start-up check, given measured deviations (as a wrong kernel on another host gives). */
class ConvSelfCheckTest {

    private static final ConvSelfCheck.Deviation RIGHT = new ConvSelfCheck.Deviation(1e-7, 1e-7, 2e-7, 0);
    private static final ConvSelfCheck.Deviation NAN = new ConvSelfCheck.Deviation(Double.NaN, 0, 0, 0);
    private static final ConvSelfCheck.Deviation OFF = new ConvSelfCheck.Deviation(0.8, 1.2, 0.3, 0);

    @Test
    void aRightKernelIsKeptAndOnlyItIsMeasured() {
        List<ConvPath> measured = new ArrayList<>();
        ConvPath chosen = ConvSelfCheck.choose(
                ConvPath.NATIVE,
                p -> {
                    measured.add(p);
                    return RIGHT;
                },
                1e-4,
                "here");
        assertEquals(ConvPath.NATIVE, chosen);
        assertEquals(List.of(ConvPath.NATIVE), measured);
    }

    @Test
    void aKernelThatGivesNaNOrWrongValuesFallsBackToUnfold() {
        assertEquals(
                ConvPath.UNFOLD,
                ConvSelfCheck.choose(ConvPath.CHANNEL_PADDED, p -> p == ConvPath.UNFOLD ? RIGHT : NAN, 1e-4, "here"));
        assertEquals(
                ConvPath.UNFOLD,
                ConvSelfCheck.choose(ConvPath.NATIVE, p -> p == ConvPath.UNFOLD ? RIGHT : OFF, 1e-4, "here"));
    }

    @Test
    void noRightPathIsAnErrorNamingTheLayer() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> ConvSelfCheck.choose(ConvPath.NATIVE, p -> OFF, 1e-4, "Conv1d(24->24, k=3) on cpu()"));
        assertTrue(e.getMessage().startsWith("Conv1d(24->24, k=3) on cpu(): no convolution path"), e.getMessage());
    }

    @Test
    void deviationIsRelativeToTheReferenceScaleAndInfiniteForNaN() {
        assertEquals(0.1, ConvSelfCheck.deviation(new double[] {1, 11}, new double[] {1, 10}), 1e-12);
        assertEquals(0.25, ConvSelfCheck.deviation(new double[] {0.25}, new double[] {0}), 1e-12);
        assertTrue(Double.isInfinite(ConvSelfCheck.deviation(new double[] {Double.NaN}, new double[] {0})));
        assertTrue(Double.isInfinite(ConvSelfCheck.deviation(new double[] {0, 0}, new double[] {0})));
        assertTrue(Double.isInfinite(NAN.worst()));
    }
}
