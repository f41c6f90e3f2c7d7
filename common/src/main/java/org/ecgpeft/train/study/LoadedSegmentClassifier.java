package org.ecgpeft.train.study;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Classifier;
import org.ecgpeft.train.BatchedAfClassifier;
import org.ecgpeft.train.InputPreparer;
import org.ecgpeft.train.SegmentDataset;

/** A {@link SegmentClassifier} over a rebuilt model whose arrays live on its own manager. */
final class LoadedSegmentClassifier extends BatchedAfClassifier implements SegmentClassifier {

    private final ArtifactManifest manifest;
    private final Wav2Vec2Classifier model;
    private final InputPreparer preparer;

    LoadedSegmentClassifier(ArtifactManifest manifest, Wav2Vec2Classifier model, NDManager manager, int batchSize) {
        super(manager, batchSize);
        this.manifest = manifest;
        this.model = model;
        this.preparer = manifest.input().preparer();
    }

    @Override
    public ArtifactManifest manifest() {
        return manifest;
    }

    @Override
    public int segmentLength() {
        return manifest.input().segmentLength();
    }

    @Override
    protected String describe() {
        return "the model " + manifest.runId();
    }

    @Override
    protected NDArray logits(NDManager step, float[][] batch) {
        // The preparer (resampling, channels) works on labelled datasets; labels are not used for prediction.
        SegmentDataset data = new SegmentDataset(
                batch, new int[batch.length], manifest.input().sourceRateHz());
        int[] rows = new int[batch.length];
        Arrays.setAll(rows, i -> i);
        return model.classify(preparer.prepare(step, data, rows), null, false).logits();
    }
}
