package org.ecgpeft.jobs.ml;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.SerializableConfiguration;
import org.ecgpeft.lake.Floats;

/**
 * The executor side of a {@link ModelTransformer}: pulls a partition's rows {@code batchSize} at a time (so
 * memory stays bounded whatever the partition size), runs the JVM's one copy of the model on each batch and
 * appends the model's outputs to every row. Subclasses say how to get the model and what it appends.
 *
 * @param <M> the loaded model
 */
public abstract class BatchPartition<M> implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final String checkpoint;
    private final SerializableConfiguration hadoop;
    private final String inputCol;
    private final int inputIndex;
    private final int batchSize;

    /**
     * @param checkpoint the model's checkpoint (for messages and the model cache)
     * @param hadoop     the session's Hadoop configuration, shipped with the task to read a remote checkpoint
     * @param inputCol   name of the signal input column (either {@link Floats} layout; for messages)
     * @param inputIndex its position in the rows
     * @param batchSize  rows per model call
     */
    protected BatchPartition(String checkpoint, Configuration hadoop, String inputCol, int inputIndex, int batchSize) {
        this.checkpoint = checkpoint;
        this.hadoop = new SerializableConfiguration(hadoop);
        this.inputCol = inputCol;
        this.inputIndex = inputIndex;
        this.batchSize = batchSize;
    }

    /** The checkpoint the model comes from. */
    protected final String checkpoint() {
        return checkpoint;
    }

    /** The session's Hadoop configuration ({@code spark.hadoop.*} settings included), on the executor. */
    protected final Configuration hadoop() {
        return hadoop.value();
    }

    /** The model of this executor JVM (from {@link ExecutorModelCache}). */
    protected abstract M model();

    /** Samples every input must have for {@code model}, or -1 when any length is accepted. */
    protected int requiredLength(M model) {
        return -1;
    }

    /** What the model appends to each of the {@code signals.length} rows of a batch: one array per row. */
    protected abstract Object[][] outputs(M model, float[][] signals);

    @Override
    public final Iterator<Row> call(Iterator<Row> input) {
        if (!input.hasNext()) {
            // An empty partition must not load the model.
            return Collections.emptyIterator();
        }
        M model = model();
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();
            private long rowsSeen;

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && input.hasNext()) {
                    rowsSeen += nextBatch(input, model, ready, rowsSeen);
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    private int nextBatch(Iterator<Row> input, M model, ArrayDeque<Row> out, long firstRow) {
        Row[] rows = new Row[batchSize];
        float[][] signals = new float[batchSize][];
        int length = requiredLength(model);
        int n = 0;
        while (n < batchSize && input.hasNext()) {
            rows[n] = input.next();
            signals[n] = signal(rows[n], firstRow + n, length);
            n++;
        }
        float[][] batch = n == batchSize ? signals : java.util.Arrays.copyOf(signals, n);
        Object[][] appended = outputs(model, batch);
        if (appended.length != n) {
            throw new IllegalStateException(
                    "model " + checkpoint + " returned " + appended.length + " outputs for " + n + " rows");
        }
        for (int i = 0; i < n; i++) {
            Row r = rows[i];
            Object[] values = new Object[r.size() + appended[i].length];
            for (int c = 0; c < r.size(); c++) {
                values[c] = r.get(c);
            }
            System.arraycopy(appended[i], 0, values, r.size(), appended[i].length);
            out.add(RowFactory.create(values));
        }
        return n;
    }

    private float[] signal(Row row, long rowNumber, int length) {
        if (row.isNullAt(inputIndex)) {
            throw new IllegalArgumentException("column '" + inputCol + "' is null in " + where(rowNumber));
        }
        float[] x;
        try {
            x = Floats.of(row, inputIndex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "column '" + inputCol + "': " + e.getMessage() + " in " + where(rowNumber), e);
        }
        if (length >= 0 && x.length != length) {
            throw new IllegalArgumentException("column '" + inputCol + "' has " + x.length + " samples in "
                    + where(rowNumber) + ", but the model " + checkpoint + " expects windows of " + length
                    + " (preprocess with --window " + length + ")");
        }
        return x;
    }

    private static String where(long rowNumber) {
        return "row " + rowNumber + " of partition " + TaskContext.getPartitionId();
    }
}
