package org.ecgpeft.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates registered runs: inference over the run's segments on the executors ({@link SegmentPredictor}),
 * then MERGE of {@code ecg_predictions} and {@code ecg_metrics}, tagged with the {@code ecg_segments} Delta
 * version that was read. Predictions are written before metrics, so metrics for a data version imply its
 * predictions are complete. Re-running on the same data leaves the same rows.
 */
public final class RunEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(RunEvaluator.class);
  private static final List<String> PREDICTION_VALUES = List.of("split", "prob", "pred", "label");

  private final SparkSession spark;
  private final Lake lake;
  private final ClassifierLoader loader;
  private final EvaluateSettings settings;

  /** An evaluator writing into {@code lake}, loading models with {@code loader}. */
  public RunEvaluator(SparkSession spark, Lake lake, ClassifierLoader loader, EvaluateSettings settings) {
    this.spark = spark;
    this.lake = lake;
    this.loader = loader;
    this.settings = settings;
  }

  /** The data version tag of results computed from {@code ecg_segments} at Delta version {@code version}. */
  public static String dataTag(long segmentsVersion) {
    return Table.ECG_SEGMENTS.tableName() + "@v" + segmentsVersion;
  }

  /** Evaluates every run against {@code ecg_segments} at {@code segmentsVersion}, continuing past failures. */
  public BatchOutcome evaluateAll(List<EvaluationRun> runs, long segmentsVersion) {
    createOutputTables();
    List<EvaluationResult> done = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    for (EvaluationRun run : runs) {
      try {
        done.add(evaluate(run, segmentsVersion));
      } catch (RuntimeException e) {
        LOG.error("run {} failed: {}", run.runId(), e.getMessage(), e);
        failed.put(run.runId(), String.valueOf(e.getMessage()));
      }
    }
    return new BatchOutcome(done, failed);
  }

  /** Evaluates one run against {@code ecg_segments} at {@code segmentsVersion}. */
  public EvaluationResult evaluate(EvaluationRun run, long segmentsVersion) {
    String tag = dataTag(segmentsVersion);
    if (run.checkpointUri() == null || run.checkpointUri().isBlank()) {
      throw new IllegalStateException("run " + run.runId() + " has no checkpoint_uri in ecg_models");
    }
    requireArtifact(run);
    Dataset<Row> segments = lake.readVersion(Table.ECG_SEGMENTS, segmentsVersion)
        .filter(col("data_version").equalTo(run.dataVersion()))
        .select("record_id", "segment_idx", "split", "label", "signal");
    if (segments.isEmpty()) {
      throw new IllegalStateException("run " + run.runId() + ": no segments with data_version '"
          + run.dataVersion() + "' in " + tag);
    }
    int partitions = settings.partitions() > 0 ? settings.partitions() : spark.sparkContext().defaultParallelism();
    SegmentPredictor predictor = new SegmentPredictor(loader).setCheckpointUri(run.checkpointUri())
        .setBatchSize(settings.batchSize()).setThreshold(settings.threshold());
    // Persisted so the metrics, the MERGE and any conflict retry reuse one inference pass.
    Dataset<Row> predictions = predictor.transform(segments.repartition(partitions)).drop("signal")
        .withColumn("run_id", lit(run.runId())).withColumn("data_version", lit(tag))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<ScoredSegment> scored = new ArrayList<>();
      for (Row r : predictions.select("split", "record_id", "label", "prob", "pred").collectAsList()) {
        scored.add(new ScoredSegment(r.getString(0), r.getString(1), r.getInt(2), r.getDouble(3), r.getInt(4)));
      }
      List<MetricValue> metrics = MetricRows.compute(scored, settings.threshold());
      settings.retry().run("ecg_predictions of " + run.runId(),
          () -> lake.upsert(Table.ECG_PREDICTIONS, predictions, PREDICTION_VALUES));
      Dataset<Row> metricRows = metricRows(run.runId(), tag, metrics);
      settings.retry().run("ecg_metrics of " + run.runId(),
          () -> lake.upsert(Table.ECG_METRICS, metricRows, List.of("value")));
      LOG.info("run {}: {} segments evaluated on {} ({}), test f1 {} auroc {}", run.runId(), scored.size(),
          run.dataVersion(), tag, find(metrics, "test", "segment", "f1"), find(metrics, "test", "segment", "auroc"));
      return new EvaluationResult(run.runId(), tag, scored.size(), metrics);
    } finally {
      predictions.unpersist();
    }
  }

  /** Checked on the driver: a missing model should fail the run at once, not after every task retry. */
  private void requireArtifact(EvaluationRun run) {
    Path dir = new Path(run.checkpointUri());
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      CheckpointFormat.of(run.checkpointUri(), name -> fs.exists(new Path(dir, name)));
    } catch (FileNotFoundException e) {
      throw new IllegalStateException("run " + run.runId() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("run " + run.runId() + ": cannot read " + dir, e);
    }
  }

  private void createOutputTables() {
    // Created up front: two evaluations creating the same table at once would conflict for nothing.
    for (Table t : List.of(Table.ECG_PREDICTIONS, Table.ECG_METRICS)) {
      settings.retry().run("create " + t.tableName(), () -> {
        lake.createIfAbsent(t);
        return null;
      });
    }
  }

  private Dataset<Row> metricRows(String runId, String tag, List<MetricValue> metrics) {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    List<Row> rows = new ArrayList<>(metrics.size());
    for (MetricValue m : metrics) {
      rows.add(RowFactory.create(runId, m.split(), m.level(), m.metric(), m.value(), tag, now));
    }
    return spark.createDataFrame(rows, Table.ECG_METRICS.schema());
  }

  private static String find(List<MetricValue> metrics, String split, String level, String metric) {
    return metrics.stream().filter(m -> m.split().equals(split) && m.level().equals(level) && m.metric().equals(metric))
        .map(m -> String.format("%.4f", m.value())).findFirst().orElse("-");
  }
}
