package org.ecgpeft.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ecgpeft.signal.PadPolicy;
import org.ecgpeft.signal.WindowSpec;
import org.junit.jupiter.api.Test;

/** The data version names the records version it came from, and the name can be read back. */
class PreprocessConfigTest {
  private static final PreprocessConfig CONFIG = new PreprocessConfig("lake",
      new WindowSpec(2400, 1200, PadPolicy.DROP), NormMode.PER_SEGMENT, new SplitPlan(0.75, 0.10, 0.15, 42));

  @Test
  void dataVersionNamesEverySettingAndItsRecordsVersionReadsBack() {
    String v = CONFIG.dataVersion(17);
    assertEquals("records@v17/w2400s1200-drop/split" + CONFIG.split().tag() + "/per-segment", v);
    assertEquals(17, PreprocessConfig.recordsVersion(v));
    assertEquals(0, PreprocessConfig.recordsVersion(CONFIG.dataVersion(0)));
  }

  @Test
  void aDataVersionNotWrittenByPreprocessIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PreprocessConfig.recordsVersion("my-segments/v3"));
    assertTrue(e.getMessage().contains("'my-segments/v3'"), e.getMessage());
  }
}
