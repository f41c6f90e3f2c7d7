package org.ecgpeft.train.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.ecgpeft.train.SegmentDataset;

/** Tiny architectures and synthetic AF / normal-rhythm segments for the study tests. */
final class StudyFixtures {

    static final double RATE_HZ = 300;
    static final int SEGMENT = 600;

    private StudyFixtures() {}

    /** The tiny overrides used in tests (and in conf/peft-study-local.json), as JSON. */
    static ObjectNode tinyJson(Family family) {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.putArray("conv_dim").add(32).add(32);
        n.putArray("conv_kernel").add(10).add(3);
        n.putArray("conv_stride").add(5).add(2);
        n.put("hidden_size", 32);
        n.put("num_hidden_layers", 2);
        n.put("num_attention_heads", 4);
        n.put("intermediate_size", 64);
        n.put("num_conv_pos_embeddings", 16);
        n.put("num_conv_pos_embedding_groups", 4);
        n.put("classifier_proj_size", 16);
        n.put("layerdrop", 0.0);
        // wav2vec2 exercises resampling to another rate; HuBERT keeps the data's rate; ECG-FM its own 500 Hz.
        n.put("sampling_rate", family == Family.WAV2VEC2 ? 600 : family == Family.HUBERT ? 300 : 500);
        return n;
    }

    static Wav2Vec2Config tiny(Family family) {
        return ModelConfigJson.fromJson(tinyJson(family), family.preset(), "tiny");
    }

    /** {@code n} per-segment z-scored 2 s segments at 300 Hz, about half AF (label 1), from the ECG generator. */
    static SegmentDataset synthetic(int n, long seed) {
        return SegmentDataset.synthetic(n, RATE_HZ, SEGMENT, seed);
    }
}
