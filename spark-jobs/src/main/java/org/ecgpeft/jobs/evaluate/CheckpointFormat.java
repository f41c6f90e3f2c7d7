package org.ecgpeft.jobs.evaluate;

import ai.djl.ndarray.NDManager;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ecgpeft.train.AfClassifier;
import org.ecgpeft.train.mscnn.MsCnnCheckpoint;
import org.ecgpeft.train.mscnn.MsCnnClassifier;
import org.ecgpeft.train.study.ArtifactManifest;
import org.ecgpeft.train.study.SegmentClassifier;
import org.ecgpeft.train.study.SegmentClassifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The model folders the evaluation can load, told apart by the files they hold. */
enum CheckpointFormat {
    /** A PEFT-study artifact ({@code artifact.json} + weights), written by the {@code train} job. */
    STUDY_ARTIFACT(List.of(ArtifactManifest.FILE)) {
        @Override
        AfClassifier load(Path dir, NDManager manager) throws IOException {
            SegmentClassifier model = SegmentClassifiers.load(dir, manager);
            LOG.info(
                    "loaded {} ({} / {}) from {}",
                    model.manifest().runId(),
                    model.manifest().family().key(),
                    model.manifest().peft().key(),
                    dir);
            return model;
        }
    },
    /** An MS-CNN checkpoint ({@code config.json} + {@code model.safetensors}), written by {@code train-mscnn}. */
    MSCNN(List.of(MsCnnCheckpoint.CONFIG, MsCnnCheckpoint.WEIGHTS)) {
        @Override
        AfClassifier load(Path dir, NDManager manager) throws IOException {
            MsCnnClassifier model = MsCnnClassifier.load(dir, manager, BATCH_SIZE);
            LOG.info("loaded MS-CNN ({}-sample windows) from {}", model.segmentLength(), dir);
            return model;
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFormat.class);
    /** Windows per MS-CNN forward pass: bounds the activations, whatever batch the caller passes. */
    private static final int BATCH_SIZE = 64;

    /** Whether a checkpoint folder holds a file, wherever the folder lives. */
    @FunctionalInterface
    interface Folder {
        boolean has(String name) throws IOException;
    }

    private final List<String> files;

    CheckpointFormat(List<String> files) {
        this.files = files;
    }

    /** Rebuilds the model of the local folder {@code dir}; it owns a sub-manager of {@code manager}. */
    abstract AfClassifier load(Path dir, NDManager manager) throws IOException;

    /**
     * The format of the folder at {@code checkpoint}, the study's artifact first.
     *
     * @throws FileNotFoundException naming the checkpoint and the expected files when no format matches
     */
    static CheckpointFormat of(String checkpoint, Folder folder) throws IOException {
        for (CheckpointFormat format : values()) {
            boolean complete = true;
            for (String name : format.files) {
                complete &= folder.has(name);
            }
            if (complete) {
                return format;
            }
        }
        throw new FileNotFoundException("no model at " + checkpoint + ": " + ArtifactManifest.FILE
                + " missing (PEFT study artifact) and no " + String.join(" + ", MSCNN.files) + " (MS-CNN checkpoint)");
    }
}
