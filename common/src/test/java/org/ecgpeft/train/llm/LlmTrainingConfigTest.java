package org.ecgpeft.train.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LlmTrainingConfigTest {

    @Test
    void settingsJsonKeepsTheKeysCheckpointsAndRunsRecorded() {
        // The text the hand-built writer produced: stored checkpoints compare against it on resume.
        assertEquals(
                "{\"epochs\":3,\"batch_size\":4,\"gradient_accumulation_steps\":4,\"learning_rate\":1.0E-4,"
                        + "\"warmup_steps\":100,\"weight_decay\":0.0,\"max_grad_norm\":1.0,\"seed\":42,\"log_every\":10,"
                        + "\"eval_batch_size\":16}",
                LlmTrainingConfig.defaults().toJson().toString());
    }
}
