package org.ecgpeft.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ecgpeft.lake.runs.RunRegistry;
import org.ecgpeft.signal.PadPolicy;
import org.ecgpeft.signal.WindowSpec;
import org.junit.jupiter.api.Test;

/** The data version names the records version it came from, and the name can be read back. */
class PreprocessConfigTest {
    private static final PreprocessConfig CONFIG = new PreprocessConfig(
            "lake",
            new WindowSpec(2400, 1200, PadPolicy.DROP),
            NormMode.PER_SEGMENT,
            new SplitPlan(0.75, 0.10, 0.15, 42));

    @Test
    void dataVersionNamesEverySettingAndItsRecordsVersionReadsBack() {
        String v = CONFIG.dataVersion(17);
        assertEquals("records@v17/w2400s1200-drop/split-stable75-10-15@42/per-segment", v);
        assertEquals(17, RunRegistry.recordsVersion(v));
        assertEquals(0, RunRegistry.recordsVersion(CONFIG.dataVersion(0)));
    }

    @Test
    void theRecipeReadsBackFromTheDataVersionAndOldVersionsWereCutByQuota() {
        assertEquals(CONFIG, PreprocessConfig.fromDataVersion("lake", CONFIG.dataVersion(17)));
        PreprocessConfig quota = new PreprocessConfig(
                "lake",
                new WindowSpec(600, 300, PadPolicy.ZERO_PAD),
                NormMode.GLOBAL,
                SplitPlan.parse("quota:80/10/10", -3));
        assertEquals("records@v2/w600s300-zero/split-quota80-10-10@-3/global", quota.dataVersion(2));
        assertEquals(quota, PreprocessConfig.fromDataVersion("lake", quota.dataVersion(2)));
        PreprocessConfig legacy =
                PreprocessConfig.fromDataVersion("lake", "records@v1/w600s600-zero/split75-10-15@42/per-segment");
        assertEquals(new SplitPlan(org.ecgpeft.signal.RecordSplitter.Rule.QUOTA, 0.75, 0.10, 0.15, 42), legacy.split());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PreprocessConfig.fromDataVersion("lake", "records@v0/w2400s2400-drop/test"));
        assertTrue(e.getMessage().contains("'records@v0/w2400s2400-drop/test'"), e.getMessage());
    }

    @Test
    void theSplitOptionNamesTheRule() {
        assertEquals(new SplitPlan(0.75, 0.10, 0.15, 1), SplitPlan.parse("75/10/15", 1));
        assertEquals(SplitPlan.parse("stable:75/10/15", 1), SplitPlan.parse("stable", 1));
        assertEquals(
                org.ecgpeft.signal.RecordSplitter.Rule.QUOTA,
                SplitPlan.parse("quota", 1).rule());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SplitPlan.parse("random:75/10/15", 1))
                .getMessage()
                .contains("'random:75/10/15'"));
    }

    @Test
    void aDataVersionNotWrittenByPreprocessIsRefusedByName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RunRegistry.recordsVersion("my-segments/v3"));
        assertTrue(e.getMessage().contains("'my-segments/v3'"), e.getMessage());
    }
}
