package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.cli.Tool;
import org.ecgpeft.cli.ToolMain;

/**
 * {@code bench-conv [--batch-size 4] [--repeats 5]}: what the self-checked convolution costs. Per layer geometry of
 * the real encoders (and two unaligned ones) it prints the first-use check time and the forward time of each path and
 * of the path the check chose, best of {@code repeats}, so the chosen path can be compared with plain libtorch.
 */
public final class ConvBenchmark implements Tool<ConvBenchmark.Config> {

    private record Case(String name, ConvGeometry geometry, int length) {}

    /** The validated command line. */
    public record Config(int batch, int repeats) {}

    @Override
    public String name() {
        return "bench-conv";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Cost of the self-checked convolution paths on the real encoders' layer shapes.",
                null,
                List.of(
                        Opt.value("batch-size", "N", "4", "inputs per convolution call"),
                        Opt.value("repeats", "N", "5", "timed runs per path (the best is printed)")));
    }

    @Override
    public Config configure(ParsedArgs a) {
        return new Config(a.integer("batch-size", 1), a.integer("repeats", 1));
    }

    public static void main(String[] args) throws Exception {
        ToolMain.main(new ConvBenchmark(), args);
    }

    @Override
    public void run(Config config) {
        int batch = config.batch();
        int repeats = config.repeats();
        List<Case> cases = List.of(
                new Case("wav2vec2 conv0 1->512 k10 s5", new ConvGeometry(1, 512, 10, 5, 0, 1, 1), 32_000),
                new Case("wav2vec2 conv1 512->512 k3 s2", new ConvGeometry(512, 512, 3, 2, 0, 1, 1), 6_399),
                new Case("wav2vec2 pos_conv 768 k128 g16", new ConvGeometry(768, 768, 128, 1, 64, 1, 16), 99),
                new Case("ECG-FM conv0 12->256 k2 s2", new ConvGeometry(12, 256, 2, 2, 0, 1, 1), 2_500),
                new Case("unaligned 24->24 k3 s2", new ConvGeometry(24, 24, 3, 2, 0, 1, 1), 6_399),
                new Case("unaligned 20->40 k5 s1", new ConvGeometry(20, 40, 5, 1, 2, 1, 1), 2_401));
        System.out.printf(
                Locale.ROOT,
                "%-32s %9s %-14s %9s %9s %9s %9s%n",
                "layer (batch " + batch + ")",
                "check ms",
                "chosen",
                "chosen ms",
                "native ms",
                "padded ms",
                "unfold ms");
        try (NDManager m = NDManager.newBaseManager()) {
            for (Case c : cases) {
                ConvGeometry g = c.geometry();
                long t0 = System.nanoTime();
                ConvPath chosen = ConvSelfCheck.pathFor(g, m, DataType.FLOAT32, false);
                double checkMs = (System.nanoTime() - t0) / 1e6;
                Shape xs = new Shape(batch, g.inChannels(), c.length());
                Shape ws = new Shape(g.outChannels(), g.inPerGroup(), g.kernel());
                ConvOp op = new ConvOp(g);
                double chosenMs = bestOf(repeats, m, xs, ws, (x, w) -> op.apply(x, w, null));
                System.out.printf(
                        Locale.ROOT,
                        "%-32s %9.1f %-14s %9.1f %9.1f %9.1f %9.1f%n",
                        c.name(),
                        checkMs,
                        chosen,
                        chosenMs,
                        bestOf(repeats, m, xs, ws, (x, w) -> ConvPath.NATIVE.apply(g, x, w, null)),
                        bestOf(repeats, m, xs, ws, (x, w) -> ConvPath.CHANNEL_PADDED.apply(g, x, w, null)),
                        bestOf(repeats, m, xs, ws, (x, w) -> ConvPath.UNFOLD.apply(g, x, w, null)));
            }
        }
    }

    private interface Run {
        NDArray apply(NDArray x, NDArray w);
    }

    /** Best wall time of {@code repeats} runs after one warm-up, on fresh inputs in a scratch manager each time. */
    private static double bestOf(int repeats, NDManager m, Shape xShape, Shape wShape, Run run) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i <= repeats; i++) {
            try (NDManager scratch = m.newSubManager()) {
                NDArray x = scratch.randomNormal(xShape);
                NDArray w = scratch.randomNormal(wShape);
                long t0 = System.nanoTime();
                run.apply(x, w).toFloatArray();
                double ms = (System.nanoTime() - t0) / 1e6;
                if (i > 0) {
                    best = Math.min(best, ms);
                }
            }
        }
        return best;
    }
}
