package org.ecgpeft.jobs.evaluate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.jobs.ml.ModelTransformer;
import org.ecgpeft.jobs.preprocess.PreprocessConfig;
import org.ecgpeft.jobs.preprocess.PreprocessJob;
import org.ecgpeft.jobs.preprocess.SegmentWriter;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;
import org.ecgpeft.signal.RecordSplitter.Rule;

/**
 * The windows a run is scored on: the N/A records of one {@code ecg_records} version prepared with the run's
 * own recipe, read back from its training data version (window, stride, pad, split rule and shares, norm
 * mode; for global z-score the mean and std stored in {@code ecg_norm_stats} at training, never recomputed).
 * The data version is also the run's lineage: it names the records version it trained on, so every record
 * is marked {@code new_since_training} when it was not in that version (the run cannot have seen it).
 *
 * <p>Splits: under the stable rule a record's split depends on its id alone, so old and new records keep the
 * split they would get anywhere. Under the quota rule the records the run knew keep their training-time split
 * (computed over the training version's records) and only newer records are cut over the current set, so a
 * record the run trained on is never reported as test.
 *
 * <p>The windows come in stable batches, laid out as {@link ModelTransformer#inStableBatches} lays them out (every
 * run puts the same windows into the same batches, so a second evaluation of unchanged data scores them bit for bit
 * alike), but by one shuffle of the records before the cut instead of the windows after it: windows overlap (twice
 * the bytes at a half-window stride), and the joins on the record id keep the records' partitioning, where they
 * took a shuffle of their own.
 *
 * @param dataVersion the tag of the results: the run's recipe on {@code records@v<version>}
 * @param segments    ecg_segments-shaped rows plus the boolean column {@code new_since_training}, in stable
 *                    batches
 */
record RunData(String dataVersion, Dataset<Row> segments) {
    /** The column that marks windows of records ingested after the run's training version. */
    static final String NEW = "new_since_training";

    private static final scala.collection.Seq<String> BY_RECORD =
            scala.collection.JavaConverters.asScalaBuffer(List.of("record_id")).toSeq();

    /** The records version {@code data} means for {@code run}, given the current one. */
    static long recordsVersion(EvaluationRun run, EvaluationData data, long currentRecordsVersion) {
        return data == EvaluationData.TRAINING ? RunRegistry.recordsVersion(run.dataVersion()) : currentRecordsVersion;
    }

    /** The tag of {@code run}'s results on {@code ecg_records} at {@code recordsVersion}. */
    static String tag(Lake lake, EvaluationRun run, long recordsVersion) {
        PreprocessConfig recipe = RunRecipe.of(lake, run).config();
        // On its own records version the run's results carry its data version as written (older ones included).
        return recordsVersion == RunRegistry.recordsVersion(run.dataVersion())
                ? run.dataVersion()
                : recipe.dataVersion(recordsVersion);
    }

    /** Prepares {@code run}'s windows of {@code ecg_records} at {@code recordsVersion} in {@code partitions} batches. */
    static RunData prepare(SparkSession spark, Lake lake, EvaluationRun run, long recordsVersion, int partitions) {
        RunRecipe runRecipe = RunRecipe.of(lake, run);
        PreprocessConfig recipe = runRecipe.config();
        long trainedOn = RunRegistry.recordsVersion(run.dataVersion());
        if (recordsVersion < trainedOn) {
            throw new IllegalStateException("run " + run.runId() + " trained on records@v" + trainedOn
                    + ", which is newer than the ecg_records version to score (v" + recordsVersion + ")");
        }
        Dataset<Row> all = task(lake.readVersion(Table.ECG_RECORDS, recordsVersion));
        // Hash-partitioned by id as inStableBatches partitions windows: the same hash puts each record's windows in
        // the partition it would put them in.
        Dataset<Row> records = all.repartition(partitions, col("record_id"));
        Dataset<Row> known =
                task(lake.readVersion(Table.ECG_RECORDS, trainedOn)).select("record_id", "label");
        Dataset<Row> withSplits;
        if (recipe.split().rule() == Rule.QUOTA && recordsVersion != trainedOn) {
            // Quota splits move as records arrive: a record the run trained on keeps the split it had then.
            Dataset<Row> atTraining = recipe.split().assign(spark, known).withColumnRenamed("split", "trained_split");
            Dataset<Row> splits = recipe.split()
                    .assign(spark, all)
                    .join(atTraining, BY_RECORD, "left")
                    .select(
                            col("record_id"),
                            coalesce(col("trained_split"), col("split")).as("split"));
            withSplits = records.join(splits, "record_id");
        } else {
            // As preprocess does: the stable rule is a column computed on the executors, no ids on the driver.
            withSplits = recipe.split().withSplit(spark, records);
        }
        Dataset<Row> labelled = withSplits
                .join(known.select(col("record_id"), lit(false).as(NEW)), BY_RECORD, "left")
                .withColumn(NEW, coalesce(col(NEW), lit(true)));
        String tag = tag(lake, run, recordsVersion);
        // Sorted after the joins, not before: Spark drops a sort below a join. Each record's windows are cut in order.
        Dataset<Row> segments = SegmentWriter.segments(
                labelled.sortWithinPartitions("record_id"),
                recipe,
                runRecipe.mean(),
                runRecipe.std(),
                tag,
                List.of(NEW));
        return new RunData(tag, segments);
    }

    private static Dataset<Row> task(Dataset<Row> records) {
        return records.filter(col("label").isin(PreprocessJob.TASK_LABELS.toArray()))
                .select("record_id", "label", "signal");
    }
}
