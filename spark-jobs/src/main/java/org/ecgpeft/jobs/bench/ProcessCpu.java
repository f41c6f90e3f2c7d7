package org.ecgpeft.jobs.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time of this JVM (all threads: in local mode the executors' tasks, GC and JIT too). On a shared machine
 * a phase's CPU seconds move far less with other processes' load than its wall time does.
 */
final class ProcessCpu {
    private ProcessCpu() {}

    /** Process CPU time in nanoseconds, or -1 where the platform does not report it. */
    static long nanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }
}
