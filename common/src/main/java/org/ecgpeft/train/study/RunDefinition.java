package org.ecgpeft.train.study;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.ecgpeft.train.TrainerConfig;

/**
 * Everything that defines one run of a study, and its deterministic id {@code <family>-<peft>-<12 hex digits>}
 * (a hash of all of it). Re-running a study yields the same ids, so table rows are replaced rather than
 * duplicated and an interrupted run resumes from its epoch checkpoints.
 *
 * @param family the family and its base
 * @param point the PEFT settings and trainer overrides
 * @param trainer the complete trainer settings of the run
 * @param architecture the base architecture with its two-class head
 * @param input how segments become model input
 * @param data the data trained on
 */
public record RunDefinition(
        FamilyPlan family,
        StudyPlan.RunPoint point,
        TrainerConfig trainer,
        Wav2Vec2Config architecture,
        InputSpec input,
        DataTag data) {

    /** The run id. */
    public String runId() {
        String identity = String.join(
                "\n",
                family.family().key(),
                point.peft().method().key(),
                new TreeMap<>(point.asMap()).toString(),
                trainer.toString(),
                baseCheckpoint(),
                ModelConfigJson.toJson(architecture).toString(),
                input.toString(),
                data.normMode(),
                data.dataVersion());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return family.family().key() + "-" + point.peft().method().key() + "-"
                    + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The manifest of the run's artifact. */
    public ArtifactManifest manifest() {
        return new ArtifactManifest(
                runId(),
                family.family(),
                point.peft().method(),
                point.asMap(),
                baseCheckpoint(),
                architecture,
                input,
                data.normMode(),
                data.dataVersion());
    }

    private String baseCheckpoint() {
        return family.base().isPretrained() ? family.base().checkpoint().toString() : null;
    }
}
