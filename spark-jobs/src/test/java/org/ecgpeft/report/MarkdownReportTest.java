package org.ecgpeft.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    @TempDir
    Path dir;

    @Test
    void memoryReadsInMibBelowOneGibAndInGibFromThere() {
        assertEquals("3.5 MiB", MarkdownTable.memory(3.5 / 1024));
        assertEquals("1023.0 MiB", MarkdownTable.memory(1023.0 / 1024));
        assertEquals("1.00 GiB", MarkdownTable.memory(1));
        assertEquals("20.80 GiB", MarkdownTable.memory(20.8));
        assertEquals("\u2013", MarkdownTable.memory(Double.NaN));
    }

    @Test
    void writesTablesWithTheGivenNumbersAndLinksEveryChart() throws IOException {
        ReportData data = ReportFixtures.data(List.of("cinc2017"), 1_380_000L);
        Path report = ReportWriter.write(data, ReportSettings.defaults(), dir);
        String md = Files.readString(report);

        assertTrue(md.contains("| normal | 5,050 | 87.2% |"), md);
        assertTrue(md.contains("| test | 6,000 | 15.0% |"), md);
        assertTrue(
                md.contains("| r1 | peft | wav2vec2-base | lora | per-segment | 1,380,000 | 94,000,000 | 1.468 "
                        + "| 1200.5 | 50.0 | 2.45 GiB |"),
                md);
        assertTrue(
                md.contains("| m1 | mscnn-llm | ms-cnn | none | per-segment | 1,100,000 | 1,100,000 | 100.000 "
                        + "| 300.0 | 5.0 | \u2013 |"),
                md);
        assertTrue(md.contains("| r2 | `{\"bottleneck\":64,\"lr\":0.001}` |"), md);
        assertTrue(md.contains(MarkdownReport.MEMORY_NOTE), "the memory column says what it measures");
        // per-run metrics on test/segment, not the validation 0.5 rows
        assertTrue(
                md.contains("| r6 | peft | ecg-fm | houlsby | per-segment | 0.9400 | 0.7800 | 0.8800 | 0.8600 "
                        + "| 0.9600 | 0.8600 |"),
                md);
        // model x method: the global-norm ablation run r7 (0.765) must not replace r1 (0.81)
        assertTrue(md.contains("| model | lora | houlsby |"), md);
        assertTrue(md.contains("| wav2vec2-base | 0.8100 | 0.7900 |"), md);
        assertTrue(md.contains("| ms-cnn | \u2013 | \u2013 |"), md);
        assertTrue(md.contains("| wav2vec2-base | lora | 0.8100 | 0.7650 | +0.0450 |"), md);
        assertTrue(
                md.contains("| ECG-LLM Qwen3-8B + LoRA | llm | test | 0.9100 | 0.7000 | 0.7200 | 0.7100 | \u2013 "
                        + "| \u2013 | 0.0150 |"),
                md);
        assertTrue(md.contains("| m1 | test | segment | 650 | 140 | 4,980 | 230 | 6,000 |"), md);
        assertTrue(
                md.contains("| r1 | test | segment | "
                        + MarkdownTable.metric(data.rocs().get(0).auroc()) + " | 0.8000 |"),
                md);

        Matcher links = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(md);
        int count = 0;
        while (links.find()) {
            assertTrue(links.group(1).startsWith("figures/"), links.group(1));
            assertTrue(Files.isRegularFile(dir.resolve(links.group(1))), links.group(1));
            count++;
        }
        assertEquals(14, count, "every rendered chart is embedded once");
    }

    @Test
    void attributionOnlyWhenCincDataIsASource() {
        String withCinc = render(ReportFixtures.data(List.of("cinc2017", "synthetic"), 1_380_000L));
        assertTrue(withCinc.contains(Attribution.CINC_2017), withCinc);
        assertTrue(withCinc.contains("## Data attribution"));
        String without = render(ReportFixtures.data(List.of("synthetic", "csv:df_segment2.csv"), 1_380_000L));
        assertFalse(without.contains("Clifford"), without);
        assertFalse(without.contains("## Data attribution"));
        assertTrue(Attribution.isCinc2017Source("wfdb:/data/physionet/training2017"));
        assertTrue(Attribution.isCinc2017Source("CinC-2017"));
        assertFalse(Attribution.isCinc2017Source("wfdb:/data/mitdb"));
    }

    @Test
    void tradeOffIsDerivedFromTheNumbers() {
        // adapters have 900,000 trainable params; LoRA 1,380,000 here and 300,000 in the second report
        String adaptersSmaller = render(ReportFixtures.data(List.of("synthetic"), 1_380_000L));
        assertTrue(
                adaptersSmaller.contains(
                        "- Fewer trainable parameters: bottleneck adapters (LoRA 1,380,000 vs " + "adapters 900,000)."),
                adaptersSmaller);
        String loraSmaller = render(ReportFixtures.data(List.of("synthetic"), 300_000L));
        assertTrue(
                loraSmaller.contains("- Fewer trainable parameters: LoRA (LoRA 300,000 vs adapters 900,000)."),
                loraSmaller);
        // step times 50 ms (LoRA) vs 40 ms (adapters); F1 means over per-segment runs only (r7 is the ablation):
        // LoRA (0.81 + 0.83 + 0.88) / 3 = 0.84, adapters (0.79 + 0.80 + 0.86) / 3 = 0.816667
        assertTrue(loraSmaller.contains("- Compared: 3 LoRA run(s) and 3 adapter run(s) on per-segment"), loraSmaller);
        assertTrue(
                loraSmaller.contains(
                        "- Faster optimizer steps: bottleneck adapters (LoRA 50.0 ms vs adapters " + "40.0 ms)."),
                loraSmaller);
        assertTrue(
                loraSmaller.contains("- Higher f1: LoRA (LoRA 0.8400 vs adapters 0.8167, difference +0.0233)."),
                loraSmaller);
        assertTrue(
                loraSmaller.contains("ecg-fm: best LoRA run r5 (lora) f1 0.8800 with 300,000 trainable vs best "
                        + "adapter run r6 (houlsby) 0.8600 with 900,000 trainable."),
                loraSmaller);
    }

    @Test
    void saysSoWhenATradeOffCannotBeStated() {
        ReportData data = new ReportData(
                ReportFixtures.dataset(List.of("synthetic")),
                List.of(new ModelRun("a", "s", "f", "lora", "per-segment", 10, 100, "", 1, 1, 1)),
                List.of(),
                List.of(new MetricRow("a", "test", "segment", "f1", 0.5)),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        String md = render(data);
        assertTrue(md.contains("No trade-off can be stated"), md);
        assertTrue(md.contains("No configuration was trained under more than one normalisation."), md);
    }

    /** Text only: chart rendering is covered by the first test and ChartsTest, and is the slow part. */
    private String render(ReportData data) {
        return new MarkdownReport(data, ReportSettings.defaults(), List.of()).render(dir);
    }
}
