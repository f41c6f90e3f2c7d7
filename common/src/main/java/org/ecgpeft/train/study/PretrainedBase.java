package org.ecgpeft.train.study;

import java.io.IOException;
import java.nio.file.Path;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Model;

/** Pretrained base weights (HF folder or fairseq .pt) through the wav2vec2 package's checkpoint loader. */
final class PretrainedBase {

    private PretrainedBase() {
    }

    static Wav2Vec2Config readConfig(Path checkpoint) throws IOException {
        throw new UnsupportedOperationException("INTERIM: waiting for Wav2Vec2Checkpoints " + checkpoint);
    }

    static void loadEncoder(Path checkpoint, Wav2Vec2Model encoder) throws IOException {
        throw new UnsupportedOperationException("INTERIM: waiting for Wav2Vec2Checkpoints " + checkpoint);
    }
}
