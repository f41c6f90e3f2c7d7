package org.ecgpeft.jobs.bench;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.StageInfo;

/**
 * The longest Spark stage of a piece of work: in a model stage, the one that runs the model on the executors, so
 * inference can be told apart from the session, Delta and writing around it. Listener events arrive on Spark's
 * listener thread after the jobs return, so {@link #takeLongest} waits until every submitted stage has completed.
 */
final class LongestStage extends SparkListener {
    private static final long WAIT_MILLIS = 30_000;

    private int submitted;
    private int completed;
    private double longestSeconds;

    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted event) {
        submitted++;
    }

    @Override
    public synchronized void onStageCompleted(SparkListenerStageCompleted event) {
        completed++;
        StageInfo stage = event.stageInfo();
        if (stage.submissionTime().isDefined() && stage.completionTime().isDefined()) {
            long millis = (Long) stage.completionTime().get()
                    - (Long) stage.submissionTime().get();
            longestSeconds = Math.max(longestSeconds, millis / 1e3);
        }
        notifyAll();
    }

    /** The longest stage since the last call, once every submitted stage has completed; then starts afresh. */
    synchronized double takeLongest() throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (completed < submitted && System.currentTimeMillis() < deadline) {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
        double longest = longestSeconds;
        longestSeconds = 0;
        return longest;
    }
}
