package org.ecgpeft.jobs.llm;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.train.llm.EcgFeatureSet;

/**
 * The encoder features of one split, collected to the driver in (record_id, segment_idx) order, with the
 * encoder's own AF probability for each window.
 *
 * @param recordIds     record of each row
 * @param segmentIdx    window index of each row
 * @param set           features, labels and the encoder's 0/1 predictions
 * @param encoderProb   the encoder's AF probability of each row
 */
record FeatureSplit(String[] recordIds, int[] segmentIdx, EcgFeatureSet set, double[] encoderProb) {
    /** The features of one encoder and data version joined with the encoder's own AF probability per window. */
    static Dataset<Row> rows(Lake lake, String encoderRun, String dataVersion) {
        Dataset<Row> probs = lake.read(Table.ECG_PREDICTIONS)
                .filter(col("run_id")
                        .equalTo(encoderRun)
                        .and(col("data_version").equalTo(dataVersion)))
                .select("record_id", "segment_idx", "prob");
        return lake.read(Table.ECG_FEATURES)
                .filter(col("encoder")
                        .equalTo(encoderRun)
                        .and(col("data_version").equalTo(dataVersion)))
                .join(
                        probs,
                        scala.collection.JavaConverters.asScalaBuffer(List.of("record_id", "segment_idx"))
                                .toSeq(),
                        "left");
    }

    /**
     * Collects a split.
     *
     * @param rows {@code ecg_features} rows of one encoder and data version joined with the encoder's
     *             {@code prob} from {@code ecg_predictions}
     */
    static FeatureSplit collect(Dataset<Row> rows, String split) {
        return collectAll(
                rows.filter(col("split").equalTo(split)),
                "ecg_features has no " + split + " rows for this encoder and data version");
    }

    /**
     * Collects every row of {@code rows}: columns record_id, segment_idx, label, features and the encoder's
     * {@code prob}.
     *
     * @param whenEmpty the error when there is no row
     */
    static FeatureSplit collectAll(Dataset<Row> rows, String whenEmpty) {
        List<Row> list = rows.select("record_id", "segment_idx", "label", "features", "prob")
                .orderBy("record_id", "segment_idx")
                .collectAsList();
        if (list.isEmpty()) {
            throw new IllegalStateException(whenEmpty);
        }
        int n = list.size();
        int dim = list.get(0).getList(3).size();
        String[] ids = new String[n];
        int[] idx = new int[n];
        int[] labels = new int[n];
        int[] pred = new int[n];
        double[] prob = new double[n];
        float[] features = new float[n * dim];
        for (int i = 0; i < n; i++) {
            Row r = list.get(i);
            ids[i] = r.getString(0);
            idx[i] = r.getInt(1);
            labels[i] = r.getInt(2);
            List<Float> f = r.getList(3);
            if (f.size() != dim) {
                throw new IllegalArgumentException("ecg_features row " + ids[i] + "/" + idx[i] + " has " + f.size()
                        + " values, the first row " + dim);
            }
            for (int d = 0; d < dim; d++) {
                features[i * dim + d] = f.get(d);
            }
            if (r.isNullAt(4)) {
                throw new IllegalStateException("ecg_predictions has no encoder prediction for " + ids[i] + "/" + idx[i]
                        + ": re-run the features job");
            }
            prob[i] = r.getDouble(4);
            pred[i] = prob[i] >= 0.5 ? 1 : 0;
        }
        return new FeatureSplit(ids, idx, new EcgFeatureSet(features, dim, labels, pred), prob);
    }

    /** Some of the rows (indices in ascending order keep the (record_id, segment_idx) order). */
    FeatureSplit subset(int[] rows) {
        String[] ids = new String[rows.length];
        int[] idx = new int[rows.length];
        double[] prob = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            ids[i] = recordIds[rows[i]];
            idx[i] = segmentIdx[rows[i]];
            prob[i] = encoderProb[rows[i]];
        }
        return new FeatureSplit(ids, idx, set.subset(rows), prob);
    }
}
