package org.ecgpeft.jobs.evaluate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.train.AfClassifier;

/**
 * The executor side of {@link SegmentPredictor}: streams a partition through the model in batches and
 * appends {@code prob} and {@code pred} to every row. The model comes from {@link ExecutorModels}, so it is
 * loaded once per executor JVM, not once per task.
 *
 * @param checkpointUri the model to apply
 * @param loader        how an executor loads it
 * @param signalIndex   position of the {@code array<float>} signal column in the input rows
 * @param batchSize     segments per model call
 * @param threshold     {@code prob >= threshold} predicts 1
 */
record PartitionPredictor(String checkpointUri, ClassifierLoader loader, int signalIndex, int batchSize,
    double threshold) implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    return new Iterator<>() {
      private final List<Row> pending = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        if (next < pending.size()) {
          return true;
        }
        fill();
        return next < pending.size();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.get(next++);
      }

      /** Predicts the next batch lazily, so a partition never has to fit in memory at once. */
      private void fill() {
        pending.clear();
        next = 0;
        List<Row> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && input.hasNext()) {
          batch.add(input.next());
        }
        if (batch.isEmpty()) {
          return;
        }
        AfClassifier model = ExecutorModels.get(checkpointUri, loader);
        double[] probs = model.predictProbabilities(signals(batch));
        if (probs.length != batch.size()) {
          throw new IllegalStateException("model " + checkpointUri + " returned " + probs.length
              + " probabilities for " + batch.size() + " segments");
        }
        for (int i = 0; i < probs.length; i++) {
          double p = probs[i];
          if (!(p >= 0 && p <= 1)) {
            throw new IllegalStateException("model " + checkpointUri + " returned probability " + p
                + " for row " + batch.get(i));
          }
          pending.add(withPrediction(batch.get(i), p, p >= threshold ? 1 : 0));
        }
      }
    };
  }

  private float[][] signals(List<Row> batch) {
    float[][] x = new float[batch.size()][];
    for (int i = 0; i < x.length; i++) {
      Row r = batch.get(i);
      if (r.isNullAt(signalIndex)) {
        throw new IllegalArgumentException("null signal in row " + r);
      }
      x[i] = Floats.of(r.getList(signalIndex));
    }
    return x;
  }

  private static Row withPrediction(Row row, double prob, int pred) {
    Object[] values = new Object[row.length() + 2];
    for (int i = 0; i < row.length(); i++) {
      values[i] = row.get(i);
    }
    values[row.length()] = prob;
    values[row.length() + 1] = pred;
    return RowFactory.create(values);
  }
}
