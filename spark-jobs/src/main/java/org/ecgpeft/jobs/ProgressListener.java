package org.ecgpeft.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs progress of long Spark stages: tasks done, rows, rows/s and an ETA from the task completion rate.
 * Stages shorter than the reporting interval stay silent, so short jobs produce no noise.
 */
public final class ProgressListener extends SparkListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressListener.class);

    private final long intervalNanos;
    private final Map<Integer, StageProgress> stages = new ConcurrentHashMap<>();

    /** Reports each running stage at most every {@code intervalSeconds}. */
    public ProgressListener(double intervalSeconds) {
        if (!(intervalSeconds > 0)) {
            throw new IllegalArgumentException("progress interval must be > 0 s, got " + intervalSeconds);
        }
        this.intervalNanos = (long) (intervalSeconds * 1e9);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        StageInfo info = event.stageInfo();
        stages.put(info.stageId(), new StageProgress(info.name(), info.numTasks(), System.nanoTime()));
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        StageProgress p = stages.get(event.stageId());
        if (p == null) {
            return;
        }
        p.tasksDone++;
        p.rows += rows(event.taskMetrics());
        long now = System.nanoTime();
        if (now - p.lastReport >= intervalNanos) {
            p.lastReport = now;
            LOG.info(p.describe(event.stageId(), now));
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted event) {
        StageProgress p = stages.remove(event.stageInfo().stageId());
        long now = System.nanoTime();
        if (p != null && now - p.started >= intervalNanos) {
            LOG.info(p.describe(event.stageInfo().stageId(), now) + " done");
        }
    }

    /** Rows a task handled: the largest of rows read, shuffled or written (what the stage is about). */
    private static long rows(TaskMetrics m) {
        if (m == null) {
            return 0;
        }
        long read = m.inputMetrics().recordsRead() + m.shuffleReadMetrics().recordsRead();
        return Math.max(
                read,
                Math.max(
                        m.outputMetrics().recordsWritten(),
                        m.shuffleWriteMetrics().recordsWritten()));
    }

    /** Mutable counters of one stage; only touched from Spark's single listener-bus thread. */
    private static final class StageProgress {
        final String name;
        final int tasks;
        final long started;
        long lastReport;
        int tasksDone;
        long rows;

        StageProgress(String name, int tasks, long started) {
            this.name = name;
            this.tasks = tasks;
            this.started = started;
            this.lastReport = started;
        }

        String describe(int stageId, long now) {
            double seconds = Math.max(1e-9, (now - started) / 1e9);
            double etaSeconds = tasksDone == 0 ? Double.NaN : seconds * (tasks - tasksDone) / tasksDone;
            return String.format(
                    "stage %d (%s): %d/%d tasks, %,d rows, %,.0f rows/s, %.0f s elapsed, ETA %s",
                    stageId,
                    name,
                    tasksDone,
                    tasks,
                    rows,
                    rows / seconds,
                    seconds,
                    Double.isNaN(etaSeconds) ? "?" : String.format("%.0f s", etaSeconds));
        }
    }
}
