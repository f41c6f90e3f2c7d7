package org.ecgpeft.signal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record-level split rules, deterministic, in one place so the training command and the Spark jobs
 * share them (they live with the signal utilities because both use them). Every record gets the key
 * {@link #hash(String, long)} of its id; all windows of a record share its split (the split is decided per
 * record), and no rule depends on input order.
 *
 * <ul>
 *   <li>{@link Rule#STABLE} (the default): the key mapped to [0, 1) against the shares. A record's split
 *       depends only on its id and the seed, so adding or removing other records never moves it; each label
 *       gets the shares in expectation (the key does not depend on the label).</li>
 *   <li>{@link Rule#QUOTA}: within each label the records are ordered by (key, id); the first
 *       {@code round(train * n)} go to train, the next {@code round(val * n)} to validation, the rest to test.
 *       Exact proportions per label, for reproducing a fixed study; ingesting more records moves old ones.</li>
 * </ul>
 *
 * @param rule  how keys become splits
 * @param train share of each label's records for training, in (0, 1)
 * @param val   share for validation, in [0, 1), with {@code train + val <= 1}
 * @param seed  hash seed
 */
public record RecordSplitter(Rule rule, double train, double val, long seed) {

    /** How record keys become splits. */
    public enum Rule {
        /** Per record, from its own key alone: stable when records are added. */
        STABLE("stable"),
        /** Exact per-label quotas over the whole record set. */
        QUOTA("quota");

        private final String label;

        Rule(String label) {
            this.label = label;
        }

        /** The name used on command lines and in data versions. */
        public String label() {
            return label;
        }

        /** Parses {@code stable} or {@code quota}. */
        public static Rule parse(String s) {
            for (Rule r : values()) {
                if (r.label.equals(s)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("split rule must be stable or quota, got '" + s + "'");
        }
    }

    /** The three splits, with the names used in tables and summaries. */
    public enum Split {
        TRAIN("train"),
        VAL("val"),
        TEST("test");

        private final String tableName;

        Split(String tableName) {
            this.tableName = tableName;
        }

        public String tableName() {
            return tableName;
        }
    }

    /** What the split rule reads of a record, so {@link #split} works on any caller's record type. */
    public interface Labelled {
        /** The record id, the unit of the split. */
        String recordId();

        /** The record's class label. */
        int label();
    }

    public RecordSplitter {
        if (rule == null) {
            throw new IllegalArgumentException("split rule must be given");
        }
        if (!(train > 0 && train < 1)) {
            throw new IllegalArgumentException("split train share must be in (0, 1), got " + train);
        }
        if (!(val >= 0 && train + val <= 1 + 1e-9)) {
            throw new IllegalArgumentException(
                    "split val share must be >= 0 with train + val <= 1, got train " + train + ", val " + val);
        }
    }

    /**
     * The MS-CNN study's fixed 75/10/15 split with exact quotas ({@code mscnn train} over one record folder,
     * so its figures reproduce); the Spark pipeline defaults to {@link Rule#STABLE}, where records keep
     * arriving.
     */
    public static RecordSplitter standard(long seed) {
        return new RecordSplitter(Rule.QUOTA, 0.75, 0.10, seed);
    }

    /** The same shares and seed with another rule. */
    public RecordSplitter withRule(Rule other) {
        return new RecordSplitter(other, train, val, seed);
    }

    /** Where {@code recordId} falls in [0, 1) under the stable rule: the top 53 bits of its key. */
    public static double unit(String recordId, long seed) {
        return (hash(recordId, seed) >>> 11) * 0x1.0p-53;
    }

    /** The stable rule's split of one record: a function of its id and the seed only. */
    public Split stableSplit(String recordId) {
        double u = unit(recordId, seed);
        // With no test share every record past the training share is validation.
        return u < train ? Split.TRAIN : (u < train + val || train + val >= 1 - 1e-9) ? Split.VAL : Split.TEST;
    }

    /**
     * Seeded 64-bit key of a record id: FNV-1a over the id's UTF-8 bytes, xor the seed, then the SplitMix64
     * finaliser (so nearby ids and seeds spread out). Plain arithmetic, easy to reproduce in any language.
     */
    public static long hash(String recordId, long seed) {
        long h = 0xcbf29ce484222325L;
        for (byte b : recordId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        long z = h ^ seed;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * The split of every record under this rule.
     *
     * @param labelById label (any integer class) by record id
     * @return split by record id, in the iteration order of {@code labelById}
     */
    public Map<String, Split> assign(Map<String, Integer> labelById) {
        if (rule == Rule.STABLE) {
            Map<String, Split> out = new LinkedHashMap<>();
            labelById.keySet().forEach(id -> out.put(id, stableSplit(id)));
            return out;
        }
        Map<Integer, List<String>> byLabel = new LinkedHashMap<>();
        labelById.forEach((id, label) ->
                byLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(id));
        Map<String, Split> splitById = new LinkedHashMap<>();
        for (List<String> ids : byLabel.values()) {
            ids.sort(Comparator.comparingLong((String id) -> hash(id, seed)).thenComparing(Comparator.naturalOrder()));
            int nTrain = (int) Math.round(train * ids.size());
            // With no test share every remaining record is validation, whatever the rounding.
            int nVal = train + val >= 1 - 1e-9
                    ? ids.size() - nTrain
                    : Math.min(ids.size() - nTrain, (int) Math.round(val * ids.size()));
            for (int i = 0; i < ids.size(); i++) {
                splitById.put(ids.get(i), i < nTrain ? Split.TRAIN : i < nTrain + nVal ? Split.VAL : Split.TEST);
            }
        }
        Map<String, Split> ordered = new LinkedHashMap<>();
        labelById.keySet().forEach(id -> ordered.put(id, splitById.get(id)));
        return ordered;
    }

    /** The records of each split, each list in input order. */
    public <R extends Labelled> Map<Split, List<R>> split(List<R> records) {
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (R r : records) {
            if (labels.put(r.recordId(), r.label()) != null) {
                throw new IllegalArgumentException("duplicate record id " + r.recordId());
            }
        }
        Map<String, Split> assigned = assign(labels);
        Map<Split, List<R>> out = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            out.put(s, new ArrayList<>());
        }
        records.forEach(r -> out.get(assigned.get(r.recordId())).add(r));
        out.replaceAll((s, list) -> List.copyOf(list));
        return out;
    }
}
