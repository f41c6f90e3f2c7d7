package org.ecgpeft.train.study;

/** Hears of each run of a study as it starts and as it ends, e.g. to show progress or to store its rows. */
public interface RunListener {
    /** Hears nothing. */
    RunListener NONE = new RunListener() {};

    /** The run {@code runId} is about to be trained. */
    default void started(String runId) {}

    /** The run has been trained and saved. */
    default void finished(RunResult result) {}

    /** This listener, then {@code next}. */
    default RunListener andThen(RunListener next) {
        RunListener first = this;
        return new RunListener() {
            @Override
            public void started(String runId) {
                first.started(runId);
                next.started(runId);
            }

            @Override
            public void finished(RunResult result) {
                first.finished(result);
                next.finished(result);
            }
        };
    }
}
