package org.ecgpeft.train.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecgpeft.tensor.Checkpoints;
import org.ecgpeft.tensor.SafetensorsWriter;
import org.ecgpeft.tensor.TensorMeta;
import org.ecgpeft.tensor.TensorReader;

/**
 * Encoder features with their labels, as the ECG-LLM trains on and answers for. File format: safetensors with
 * {@code features} [N, D] (float), {@code labels} [N] (0/1) and optionally {@code encoder_pred} [N] (0/1, the
 * encoder's own prediction for the same rows, so the LLM can be compared with it).
 *
 * @param features row-major [N, dim]
 * @param dim feature width
 * @param labels 0/1 per row
 * @param encoderPred 0/1 per row, or null when absent
 */
public record EcgFeatureSet(float[] features, int dim, int[] labels, int[] encoderPred) {

    public static final String FEATURES = "features";
    public static final String LABELS = "labels";
    public static final String ENCODER_PRED = "encoder_pred";

    public EcgFeatureSet {
        if (dim <= 0 || labels.length == 0 || features.length != (long) labels.length * dim) {
            throw new IllegalArgumentException("need a non-empty [N, dim] feature matrix with N labels, got "
                    + features.length + " values, dim " + dim + ", " + labels.length + " labels");
        }
        requireBinary(labels, LABELS, "labels");
        if (encoderPred != null) {
            if (encoderPred.length != labels.length) {
                throw new IllegalArgumentException(ENCODER_PRED + " has " + encoderPred.length + " rows but there are "
                        + labels.length + " labels");
            }
            requireBinary(encoderPred, ENCODER_PRED, "encoder predictions");
        }
    }

    public int size() {
        return labels.length;
    }

    /** The given rows' features, row-major [rows.length, dim]. */
    public float[] rows(int[] rows) {
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * dim, out, i * dim, dim);
        }
        return out;
    }

    /** The given rows' labels. */
    public int[] labels(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return out;
    }

    /** A subset (encoder predictions kept when present). */
    public EcgFeatureSet subset(int[] rows) {
        int[] pred = null;
        if (encoderPred != null) {
            pred = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                pred[i] = encoderPred[rows[i]];
            }
        }
        return new EcgFeatureSet(rows(rows), dim, labels(rows), pred);
    }

    /** Reads a features file; errors name the file and the offending key or row. */
    public static EcgFeatureSet read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("features file not found: " + file);
        }
        try (TensorReader reader = Checkpoints.open(file)) {
            for (String key : new String[] {FEATURES, LABELS}) {
                if (!reader.contains(key)) {
                    throw new IllegalArgumentException(
                            file + ": missing tensor '" + key + "' (has " + reader.names() + ")");
                }
            }
            long[] shape = reader.meta(FEATURES).shape();
            if (shape.length != 2) {
                throw new IllegalArgumentException(
                        file + ": '" + FEATURES + "' must be [N, D], got " + Arrays.toString(shape));
            }
            int n = Math.toIntExact(shape[0]);
            int[] labels = integers(reader, LABELS, n, file);
            int[] pred = reader.contains(ENCODER_PRED) ? integers(reader, ENCODER_PRED, n, file) : null;
            try {
                return new EcgFeatureSet(reader.readFloats(FEATURES), Math.toIntExact(shape[1]), labels, pred);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Writes the set in the file format above (labels and predictions as int64). */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put(FEATURES, manager.create(features, new Shape(size(), dim)));
            tensors.put(LABELS, manager.create(toLongs(labels)));
            if (encoderPred != null) {
                tensors.put(ENCODER_PRED, manager.create(toLongs(encoderPred)));
            }
            SafetensorsWriter.write(file, tensors, Map.of("format", "pt"));
        }
    }

    private static int[] integers(TensorReader reader, String key, int n, Path file) {
        TensorMeta meta = reader.meta(key);
        if (meta.shape().length != 1 || meta.shape()[0] != n) {
            throw new IllegalArgumentException(
                    file + ": '" + key + "' must be [" + n + "], got " + Arrays.toString(meta.shape()));
        }
        float[] values = reader.readFloats(key);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (values[i] != 0f && values[i] != 1f) {
                throw new IllegalArgumentException(
                        file + ": '" + key + "' row " + i + " is " + values[i] + ", expected 0 or 1");
            }
            out[i] = (int) values[i];
        }
        return out;
    }

    private static void requireBinary(int[] values, String key, String what) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0 && values[i] != 1) {
                throw new IllegalArgumentException(
                        key + " row " + i + " is " + values[i] + ": " + what + " must be 0 or 1");
            }
        }
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
