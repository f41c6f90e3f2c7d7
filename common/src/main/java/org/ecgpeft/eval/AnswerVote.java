package org.ecgpeft.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an ECG-LLM's window answers per record (a record is cut into several windows, each answered on its own).
 *
 * <p>Rules:
 * <ul>
 *   <li>Only valid answers vote: an INVALID answer is left out of the vote (and counted in
 *       {@link RecordAnswers#invalidAnswers()}), never read as half a vote.</li>
 *   <li>A record whose answers are all INVALID is an INVALID record.</li>
 *   <li>More AF than normal votes: AF; fewer: normal.</li>
 *   <li>A tie goes to the record's tie-break probability against the threshold: the job passes the encoder's mean
 *       AF probability over the record's windows, so a tie gets the encoder's own record-level call instead of
 *       a fixed class (counted in {@link RecordAnswers#ties()}).</li>
 * </ul>
 */
public final class AnswerVote {

    private AnswerVote() {}

    /**
     * @param recordIds   record of each window
     * @param labels      0/1 label of each window (all windows of a record agree)
     * @param answers     parsed answer of each window
     * @param tieBreak    per window, the probability whose record mean breaks a tie (finite, in [0, 1])
     * @param threshold   a tie is AF when the record's mean tie-break probability is {@code >= threshold}
     * @return one vote per record, sorted by record id
     */
    public static RecordAnswers byRecord(
            String[] recordIds, int[] labels, List<ParsedAnswer> answers, double[] tieBreak, double threshold) {
        BinaryInputs.requireBinary(labels, "labels");
        BinaryInputs.requireThreshold(threshold);
        if (recordIds == null || answers == null || tieBreak == null) {
            throw new IllegalArgumentException("recordIds, answers and tieBreak must not be null");
        }
        BinaryInputs.requireSameLength(labels.length, recordIds.length, "recordIds");
        BinaryInputs.requireSameLength(labels.length, answers.size(), "answers");
        BinaryInputs.requireSameLength(labels.length, tieBreak.length, "tieBreak");
        Map<String, Votes> byRecord = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (answers.get(i) == null || !Double.isFinite(tieBreak[i])) {
                throw new IllegalArgumentException("window " + i + " of record " + recordIds[i]
                        + " has a null answer or a non-finite tie-break probability");
            }
            int label = labels[i];
            String id = recordIds[i];
            byRecord.computeIfAbsent(id, k -> new Votes(label)).add(id, label, answers.get(i), tieBreak[i]);
        }
        List<String> ids = new ArrayList<>(byRecord.keySet());
        int[] recordLabels = new int[ids.size()];
        List<ParsedAnswer> votes = new ArrayList<>(ids.size());
        long invalidAnswers = 0;
        long ties = 0;
        for (int r = 0; r < ids.size(); r++) {
            Votes v = byRecord.get(ids.get(r));
            recordLabels[r] = v.label;
            invalidAnswers += v.invalid;
            ties += v.af == v.normal && v.af > 0 ? 1 : 0;
            votes.add(v.outcome(threshold));
        }
        return new RecordAnswers(ids, recordLabels, votes, invalidAnswers, ties);
    }

    /** One record's counts. */
    private static final class Votes {
        private final int label;
        private int af;
        private int normal;
        private int invalid;
        private double tieBreakSum;
        private int windows;

        Votes(int label) {
            this.label = label;
        }

        void add(String recordId, int windowLabel, ParsedAnswer answer, double tieBreak) {
            if (windowLabel != label) {
                throw new IllegalArgumentException(
                        "record " + recordId + " has windows labelled both " + label + " and " + windowLabel);
            }
            switch (answer) {
                case POSITIVE -> af++;
                case NEGATIVE -> normal++;
                case INVALID -> invalid++;
            }
            tieBreakSum += tieBreak;
            windows++;
        }

        ParsedAnswer outcome(double threshold) {
            if (af + normal == 0) {
                return ParsedAnswer.INVALID;
            }
            if (af != normal) {
                return af > normal ? ParsedAnswer.POSITIVE : ParsedAnswer.NEGATIVE;
            }
            return tieBreakSum / windows >= threshold ? ParsedAnswer.POSITIVE : ParsedAnswer.NEGATIVE;
        }
    }
}
