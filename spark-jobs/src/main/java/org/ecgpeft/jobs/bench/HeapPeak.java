package org.ecgpeft.jobs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Peak heap use from a starting point on: the heap pools' peaks are reset at {@link #start()} and summed at
 * {@link #peakBytes()} (an upper bound of the true peak, since the pools need not peak at once).
 */
final class HeapPeak {
    private final List<MemoryPoolMXBean> pools;

    private HeapPeak(List<MemoryPoolMXBean> pools) {
        this.pools = pools;
    }

    /** Resets the heap pools' peaks and starts watching them. */
    static HeapPeak start() {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        return new HeapPeak(heap);
    }

    /** The sum of the heap pools' peak use since {@link #start()}. */
    long peakBytes() {
        return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
