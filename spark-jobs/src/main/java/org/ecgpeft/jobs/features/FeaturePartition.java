package org.ecgpeft.jobs.features;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Encodes one partition in batches: rows are pulled {@code batchSize} at a time, so memory stays bounded
 * whatever the partition size, and each output row is the input row plus the feature vector (and, when
 * asked, the AF probability of the encoder's own head).
 */
final class FeaturePartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final String checkpoint;
  private final String inputCol;
  private final int inputIndex;
  private final int batchSize;
  private final boolean withProbability;

  FeaturePartition(String checkpoint, String inputCol, int inputIndex, int batchSize, boolean withProbability) {
    this.checkpoint = checkpoint;
    this.inputCol = inputCol;
    this.inputIndex = inputIndex;
    this.batchSize = batchSize;
    this.withProbability = withProbability;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    if (!input.hasNext()) {
      // An empty partition must not load the model.
      return Collections.emptyIterator();
    }
    FrozenEncoder encoder = EncoderCache.get(checkpoint);
    return new Iterator<>() {
      private final ArrayDeque<Row> ready = new ArrayDeque<>();
      private long rowsSeen;

      @Override
      public boolean hasNext() {
        if (ready.isEmpty() && input.hasNext()) {
          encodeNextBatch(input, encoder, ready, rowsSeen);
          rowsSeen += ready.size();
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

  private void encodeNextBatch(Iterator<Row> input, FrozenEncoder encoder, ArrayDeque<Row> out, long firstRow) {
    int length = encoder.inputLength();
    Row[] rows = new Row[batchSize];
    float[] windows = new float[batchSize * length];
    int n = 0;
    while (n < batchSize && input.hasNext()) {
      rows[n] = input.next();
      copyWindow(rows[n], firstRow + n, length, windows, n * length);
      n++;
    }
    float[] batch = n == batchSize ? windows : java.util.Arrays.copyOf(windows, n * length);
    FrozenEncoder.Encoded encoded = encoder.encode(batch, n, withProbability);
    for (int i = 0; i < n; i++) {
      Row r = rows[i];
      Object[] values = new Object[r.size() + (withProbability ? 2 : 1)];
      for (int c = 0; c < r.size(); c++) {
        values[c] = r.get(c);
      }
      values[r.size()] = encoded.features()[i];
      if (withProbability) {
        values[r.size() + 1] = encoded.afProbabilities()[i];
      }
      out.add(RowFactory.create(values));
    }
  }

  private static String where(long rowNumber) {
    return "row " + rowNumber + " of partition " + TaskContext.getPartitionId();
  }

  private void copyWindow(Row row, long rowNumber, int length, float[] into, int offset) {
    if (row.isNullAt(inputIndex)) {
      throw new IllegalArgumentException("column '" + inputCol + "' is null in " + where(rowNumber));
    }
    List<Float> signal = row.getList(inputIndex);
    if (signal.size() != length) {
      throw new IllegalArgumentException("column '" + inputCol + "' has " + signal.size() + " samples in "
          + where(rowNumber) + ", but the MS-CNN checkpoint " + checkpoint + " expects windows of "
          + length + " (preprocess with --window " + length + ")");
    }
    for (int i = 0; i < length; i++) {
      Float v = signal.get(i);
      if (v == null) {
        throw new IllegalArgumentException("column '" + inputCol + "' has a null sample at " + i + " in "
            + where(rowNumber));
      }
      into[offset + i] = v;
    }
  }
}
