package org.ecgpeft.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ecgpeft.signal.RecordSplitter.Split;
import org.junit.jupiter.api.Test;

class RecordSplitterTest {

    /** The smallest record the split rule accepts. */
    private record Labelled(String recordId, int label) implements RecordSplitter.Labelled {}

    @Test
    void hashMatchesAnIndependentImplementation() {
        // Values from a Python transcription of the documented rule (FNV-1a 64, xor seed, SplitMix64 finaliser).
        assertEquals(3628728406544531455L, RecordSplitter.hash("A00001", 42));
        assertEquals(256837164164780219L, RecordSplitter.hash("A00001", 0));
        assertEquals(-7475846294876211194L, RecordSplitter.hash("\u00dc-1", 7));
    }

    @Test
    void eachLabelIsSplitInExactProportionsWithoutLeakage() {
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (int i = 0; i < 1003; i++) {
            labels.put(String.format("R%05d", i), i % 7 == 0 ? 1 : 0);
        }
        Map<String, Split> split = RecordSplitter.standard(42).assign(labels);
        assertEquals(labels.keySet(), split.keySet());
        long af = labels.values().stream().filter(y -> y == 1).count();
        long normal = labels.size() - af;
        assertCounts(split, labels, 1, af);
        assertCounts(split, labels, 0, normal);
    }

    private static void assertCounts(Map<String, Split> split, Map<String, Integer> labels, int label, long n) {
        Map<Split, Integer> counts = new LinkedHashMap<>();
        split.forEach((id, s) -> {
            if (labels.get(id) == label) {
                counts.merge(s, 1, Integer::sum);
            }
        });
        assertEquals(Math.round(0.75 * n), (long) counts.get(Split.TRAIN), "train, label " + label);
        assertEquals(Math.round(0.10 * n), (long) counts.get(Split.VAL), "val, label " + label);
        assertEquals(
                n - Math.round(0.75 * n) - Math.round(0.10 * n), (long) counts.get(Split.TEST), "test, label " + label);
    }

    @Test
    void stableSplitOfARecordNeverMovesWhenOthersAreAddedOrRemoved() {
        Map<String, Integer> half = new LinkedHashMap<>();
        Map<String, Integer> all = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            all.put("R" + i, i % 7 == 0 ? 1 : 0);
            if (i % 2 == 0) {
                half.put("R" + i, i % 7 == 0 ? 1 : 0);
            }
        }
        RecordSplitter stable = RecordSplitter.standard(42).withRule(RecordSplitter.Rule.STABLE);
        Map<String, Split> before = stable.assign(half);
        Map<String, Split> after = stable.assign(all);
        half.keySet().forEach(id -> assertEquals(before.get(id), after.get(id), id));
        Map<String, Split> quotaBefore =
                stable.withRule(RecordSplitter.Rule.QUOTA).assign(half);
        Map<String, Split> quotaAfter =
                stable.withRule(RecordSplitter.Rule.QUOTA).assign(all);
        assertTrue(
                half.keySet().stream().anyMatch(id -> quotaBefore.get(id) != quotaAfter.get(id)),
                "the quota rule moves old records when records are added: the reason for the stable rule");
        // Shares hold in expectation: 2000 records, binomial std of the train share ~0.01.
        Map<Split, Integer> counts = new LinkedHashMap<>();
        after.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        assertEquals(0.75, counts.get(Split.TRAIN) / 2000.0, 0.04);
        assertEquals(0.10, counts.get(Split.VAL) / 2000.0, 0.03);
        assertEquals(0.15, counts.get(Split.TEST) / 2000.0, 0.03);
        // The documented arithmetic: top 53 bits of the key against the cumulative shares.
        for (String id : List.of("R0", "R1", "R7")) {
            double u = (RecordSplitter.hash(id, 42) >>> 11) / (double) (1L << 53);
            assertEquals(u < 0.75 ? Split.TRAIN : u < 0.85 ? Split.VAL : Split.TEST, after.get(id), id);
        }
    }

    @Test
    void assignmentIgnoresInputOrderAndFollowsTheSeed() {
        List<Labelled> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            records.add(new Labelled("S" + i, i % 4 == 0 ? 1 : 0));
        }
        List<Labelled> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(3));
        Map<Split, List<Labelled>> a = RecordSplitter.standard(1).split(records);
        Map<Split, List<Labelled>> b = RecordSplitter.standard(1).split(shuffled);
        for (Split s : Split.values()) {
            assertEquals(ids(a.get(s)), ids(b.get(s)), s.tableName());
        }
        assertNotEquals(
                ids(a.get(Split.TEST)),
                ids(RecordSplitter.standard(2).split(records).get(Split.TEST)));
    }

    @Test
    void duplicateIdsAndBadSharesAreRejected() {
        List<Labelled> dup = List.of(new Labelled("X", 0), new Labelled("X", 1));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> RecordSplitter.standard(1).split(dup))
                .getMessage()
                .contains("X"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new RecordSplitter(RecordSplitter.Rule.STABLE, 0.9, 0.2, 1))
                .getMessage()
                .contains("val"));
    }

    @Test
    void withoutATestShareEveryRecordIsTrainOrValidation() {
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            labels.put("r" + i, i % 2);
        }
        for (RecordSplitter.Rule rule : RecordSplitter.Rule.values()) {
            Map<String, Split> split = new RecordSplitter(rule, 0.6, 0.4, 3).assign(labels);
            assertEquals(0, split.values().stream().filter(s -> s == Split.TEST).count(), rule.label());
            assertEquals(7, split.size());
        }
    }

    @Test
    void realCincSplitIsStratifiedAndLeakFree() throws Exception {
        Path folder = SharedCinc.folderOrSkip("the real-data split test");
        // The N-vs-AF records of REFERENCE.csv, labelled as the MS-CNN task labels them (A = 1, N = 0).
        List<Labelled> records = new ArrayList<>();
        ReferenceLabels.read(folder.resolve("REFERENCE.csv")).forEach((id, label) -> {
            if (label.equals("N") || label.equals("A")) {
                records.add(new Labelled(id, label.equals("A") ? 1 : 0));
            }
        });
        long af = records.stream().filter(r -> r.label() == 1).count();
        assertEquals(4919, records.size());
        assertEquals(627, af);
        Map<Split, List<Labelled>> split = RecordSplitter.standard(42).split(records);
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (Split s : Split.values()) {
            for (Labelled r : split.get(s)) {
                assertTrue(seen.add(r.recordId()), r.recordId() + " is in two splits");
            }
            total += split.get(s).size();
        }
        assertEquals(records.size(), total);
        assertEquals(
                627 - Math.round(0.75 * 627) - Math.round(0.10 * 627),
                split.get(Split.TEST).stream().filter(r -> r.label() == 1).count());
        assertEquals(
                Math.round(0.75 * 4292) + Math.round(0.75 * 627),
                split.get(Split.TRAIN).size());
    }

    private static List<String> ids(List<Labelled> records) {
        return records.stream().map(Labelled::recordId).sorted().toList();
    }
}
