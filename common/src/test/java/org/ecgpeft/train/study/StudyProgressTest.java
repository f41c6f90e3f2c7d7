package org.ecgpeft.train.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StudyProgressTest {
    @Test
    void estimatesTheRestFromTheMeanRunTime() {
        AtomicLong now = new AtomicLong(1_000);
        StudyProgress progress = new StudyProgress(4, now::get);
        progress.started("a");
        now.addAndGet(90_000_000_000L);
        assertEquals("run 1 of 4 done (a), 1m30s elapsed, ETA 4m30s for 3 more runs", progress.finish("a"));
        now.addAndGet(30_000_000_000L);
        assertEquals("run 2 of 4 done (b), 2m00s elapsed, ETA 2m00s for 2 more runs", progress.finish("b"));
        now.addAndGet(3_600_000_000_000L);
        assertEquals("run 3 of 4 done (c), 1h02m00s elapsed, ETA 20m40s for 1 more run", progress.finish("c"));
        assertEquals("run 4 of 4 done (d), 1h02m00s elapsed, study done", progress.finish("d"));
    }

    @Test
    void aStudyHasRuns() {
        assertThrows(IllegalArgumentException.class, () -> new StudyProgress(0, System::nanoTime));
    }
}
