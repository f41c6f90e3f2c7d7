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
    private record Labelled(String recordId, int label) implements RecordSplitter.Labelled {
    }

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
        assertEquals(n - Math.round(0.75 * n) - Math.round(0.10 * n), (long) counts.get(Split.TEST),
                "test, label " + label);
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
        assertNotEquals(ids(a.get(Split.TEST)), ids(RecordSplitter.standard(2).split(records).get(Split.TEST)));
    }

    @Test
    void duplicateIdsAndBadSharesAreRejected() {
        List<Labelled> dup = List.of(new Labelled("X", 0), new Labelled("X", 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RecordSplitter.standard(1).split(dup))
                .getMessage().contains("X"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RecordSplitter(0.9, 0.2, 1))
                .getMessage().contains("val"));
    }

    @Test
    void withoutATestShareEveryRecordIsTrainOrValidation() {
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            labels.put("r" + i, i % 2);
        }
        Map<String, Split> split = new RecordSplitter(0.6, 0.4, 3).assign(labels);
        assertEquals(0, split.values().stream().filter(s -> s == Split.TEST).count());
        assertEquals(7, split.size());
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
        assertEquals(627 - Math.round(0.75 * 627) - Math.round(0.10 * 627),
                split.get(Split.TEST).stream().filter(r -> r.label() == 1).count());
        assertEquals(Math.round(0.75 * 4292) + Math.round(0.75 * 627), split.get(Split.TRAIN).size());
    }

    private static List<String> ids(List<Labelled> records) {
        return records.stream().map(Labelled::recordId).sorted().toList();
    }
}
