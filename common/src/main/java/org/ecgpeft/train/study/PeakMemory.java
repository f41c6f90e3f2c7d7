package org.ecgpeft.train.study;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Peak memory of a training run, as one number of bytes: host + device.
 * <ul>
 * <li>Host, on Linux: how far the process's resident set size rose above its size at {@link #start} (call it
 * before building the model): the peak ({@code VmHWM} of {@code /proc/self/status}, reset at the start by
 * writing {@code 5} to {@code /proc/self/clear_refs}) minus the resident size then ({@code VmRSS}). It counts
 * everything the run added: JVM heap growth and libtorch's native tensors (parameters, gradients, AdamW
 * moments, activations). It is process-wide, so concurrent work in the same JVM adds to it.</li>
 * <li>Host, elsewhere (the peak cannot be reset): the JVM heap pools' peak usage since {@link #start} plus a
 * native estimate of the model's tensors (FP32 parameters + gradient and two AdamW moments per trainable
 * parameter); activations are not in this estimate.</li>
 * <li>Device, on a GPU: memory in use on the device after the run (total - free). PyTorch's caching allocator
 * keeps the blocks it reserved, so this is close to the run's peak reservation.</li>
 * </ul>
 */
public final class PeakMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final Device device;
    private final boolean residentPeak;
    private final long residentAtStart;

    private PeakMemory(Device device, boolean residentPeak, long residentAtStart) {
        this.device = device;
        this.residentPeak = residentPeak;
        this.residentAtStart = residentAtStart;
    }

    /** Resets the peaks and starts measuring a run on {@code device}. */
    public static PeakMemory start(Device device) {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        pools.stream().filter(p -> p.getType() == MemoryType.HEAP).forEach(MemoryPoolMXBean::resetPeakUsage);
        boolean reset = resetResidentPeak();
        return new PeakMemory(device, reset, status("VmRSS:").orElse(0L));
    }

    /**
     * The peak since {@link #start}.
     *
     * @param modelTensorBytes the native estimate used when the resident peak is unavailable
     */
    public long peakBytes(long modelTensorBytes) {
        long host = residentPeak
                ? status("VmHWM:")
                        .map(peak -> Math.max(0, peak - residentAtStart))
                        .orElse(heapPeak() + modelTensorBytes)
                : heapPeak() + modelTensorBytes;
        return host + deviceBytes();
    }

    /** The native estimate for a model: FP32 parameters plus gradient and two AdamW moments per trainable one. */
    public static long modelTensorBytes(long totalParams, long trainableParams) {
        return 4 * totalParams + 3 * 4 * trainableParams;
    }

    /** The process's resident-set peak ({@code VmHWM}) since the last {@link #start}, if the OS reports it. */
    public static Optional<Long> residentPeakBytes() {
        return status("VmHWM:");
    }

    /**
     * Minor page faults of this process so far (field {@code minflt} of {@code /proc/self/stat}), or -1 where
     * there is no such file: memory handed back to the OS and touched again shows up here.
     */
    public static long minorFaults() {
        try {
            String stat = Files.readString(STAT);
            // Fields after the command name (in parentheses, may hold spaces): state is field 3, minflt field 10.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[7]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private long deviceBytes() {
        if (!device.isGpu()) {
            return 0;
        }
        MemoryUsage usage = CudaUtils.getGpuMemory(device);
        return usage.getUsed();
    }

    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
    }

    private static boolean resetResidentPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return status("VmHWM:").isPresent();
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** A size field of {@code /proc/self/status} in bytes, e.g. {@code VmHWM:} (peak) or {@code VmRSS:}. */
    private static Optional<Long> status(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return Optional.of(Long.parseLong(parts[0]) * 1024);
                }
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
