package org.ecgpeft.train.study;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Classifier;
import org.ecgpeft.train.InputPreparer;
import org.ecgpeft.train.SegmentDataset;

/** A {@link SegmentClassifier} over a rebuilt model whose arrays live on its own manager. */
final class LoadedSegmentClassifier implements SegmentClassifier {

    private final ArtifactManifest manifest;
    private final Wav2Vec2Classifier model;
    private final NDManager manager;
    private final InputPreparer preparer;
    private final int batchSize;

    LoadedSegmentClassifier(ArtifactManifest manifest, Wav2Vec2Classifier model, NDManager manager, int batchSize) {
        this.manifest = manifest;
        this.model = model;
        this.manager = manager;
        this.preparer = manifest.input().preparer();
        this.batchSize = batchSize;
    }

    @Override
    public ArtifactManifest manifest() {
        return manifest;
    }

    @Override
    public synchronized double[] predictProbabilities(float[][] rawSegments) {
        int length = manifest.input().segmentLength();
        for (int i = 0; i < rawSegments.length; i++) {
            if (rawSegments[i] == null || rawSegments[i].length != length) {
                throw new IllegalArgumentException("segment " + i + " has "
                        + (rawSegments[i] == null ? "no samples" : rawSegments[i].length + " samples")
                        + ", the model " + manifest.runId() + " expects " + length);
            }
        }
        double[] probs = new double[rawSegments.length];
        if (rawSegments.length == 0) {
            return probs;
        }
        // The preparer works on labelled datasets; labels are not used for prediction.
        SegmentDataset data = new SegmentDataset(rawSegments, new int[rawSegments.length], manifest.input().sourceRateHz());
        for (int start = 0; start < rawSegments.length; start += batchSize) {
            int[] rows = new int[Math.min(batchSize, rawSegments.length - start)];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = start + i;
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray logits = model.classify(preparer.prepare(step, data, rows), null, false).logits();
                float[] p = logits.softmax(1).toFloatArray();
                for (int i = 0; i < rows.length; i++) {
                    probs[start + i] = p[i * 2 + 1];
                }
            }
        }
        return probs;
    }

    @Override
    public void close() {
        manager.close();
    }
}
