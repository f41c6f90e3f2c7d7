package org.ecgpeft.model.qwen3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Qwen3MemoryBudgetTest {

    @Test
    void qwen3_8bLoraR16OnSevenProjectionsHas43_6MTrainableParameters() {
        Qwen3MemoryBudget b = Qwen3MemoryBudget.allProjections(Qwen3Config.qwen3_8B(), DataType.FLOAT16, 16, 4, 96);
        // Per layer 16 * [(4096+4096)*2 + (4096+1024)*2 + (4096+12288)*3] = 1,212,416; 36 layers.
        assertEquals(43_646_976L, b.loraParameters());
        assertEquals(8_190_735_360L, b.baseParameters());
    }

    @Test
    void qwen3_8bFp16LoraBatch4x96FitsIn80GB() {
        Qwen3MemoryBudget b = Qwen3MemoryBudget.allProjections(Qwen3Config.qwen3_8B(), DataType.FLOAT16, 16, 4, 96);
        assertEquals(2 * 8_190_735_360L, b.weightBytes());
        assertEquals(16 * 43_646_976L, b.loraBytes());
        // 4*96 tokens * 36 layers * 4 B * (6*4096 + 5*4096 + 5*1024 + 4*12288 + 2*32*96).
        assertEquals(384L * 36 * 4 * 105_472, b.activationBytes());
        assertTrue(b.totalBytes() < 80e9, b.summary());
        assertTrue(b.summary().contains("43,646,976 params"), b.summary());
        Qwen3MemoryBudget fp32 = Qwen3MemoryBudget.allProjections(Qwen3Config.qwen3_8B(), DataType.FLOAT32, 16, 4, 96);
        assertEquals(b.weightBytes() * 2, fp32.weightBytes());
    }

    @Test
    void parameterCountsAgreeWithTheModulesDeclaredShapes() {
        Qwen3Config biased = new Qwen3Config(64, 128, 2, 4, 2, 16, 1e-6, 1e6, 512, 512, true, true);
        for (Qwen3Config c :
                new Qwen3Config[] {Qwen3Config.qwen3_0_6B(), Qwen3Config.qwen3_8B(), Qwen3ForCausalLMTest.TINY, biased
                }) {
            long declared = new Qwen3ForCausalLM(c).countParameters(false);
            assertEquals(
                    declared,
                    new Qwen3MemoryBudget(c, DataType.FLOAT32, 0, Set.of(), 1, 1, DataType.FLOAT32).baseParameters());
        }
    }

    @Test
    void rejectsUnknownTargetsAndEmptyBatches() {
        Qwen3Config c = Qwen3Config.qwen3_0_6B();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new Qwen3MemoryBudget(c, DataType.FLOAT16, 8, Set.of("out_proj"), 1, 8, DataType.FLOAT32));
        assertTrue(e.getMessage().contains("out_proj"));
        assertThrows(
                IllegalArgumentException.class, () -> Qwen3MemoryBudget.allProjections(c, DataType.FLOAT16, 8, 0, 8));
    }
}
