package org.ecgpeft.jobs.evaluate;

/** Which records a run is scored on ({@code --data}). */
public enum EvaluationData {
    /** The current {@code ecg_records}, prepared with the run's recipe: what re-evaluation is for. */
    CURRENT("current"),
    /** The {@code ecg_records} version the run trained on: reproduces the training-time figures. */
    TRAINING("training");

    private final String label;

    EvaluationData(String label) {
        this.label = label;
    }

    /** The command-line name. */
    public String label() {
        return label;
    }

    /** Parses {@code current} or {@code training}. */
    public static EvaluationData parse(String s) {
        for (EvaluationData d : values()) {
            if (d.label.equals(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("--data must be current or training, got '" + s + "'");
    }
}
