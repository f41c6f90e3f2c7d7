package org.ecgpeft.jobs.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class LlmRunParamsTest {

    private static final StructType SCHEMA =
            new StructType().add("run_id", DataTypes.StringType).add("hyper_params", DataTypes.StringType);

    private static Row run(String hyperParams) {
        return new GenericRowWithSchema(new Object[] {"llm-1", hyperParams}, SCHEMA);
    }

    @Test
    void readsTheEncoderAndDtypeAndIgnoresTheRunsOtherKeys() {
        assertEquals(
                new LlmRunParams("mscnn-1", "fp16"),
                LlmRunParams.of(run("{\"base_model\": \"m\", \"dtype\": \"fp16\", \"encoder\": \"mscnn-1\","
                        + " \"training\": {\"epochs\": 3}}")));
        assertEquals(new LlmRunParams("mscnn-1", "fp32"), LlmRunParams.of(run("{\"encoder\": \"mscnn-1\"}")));
    }

    @Test
    void badParamsNameTheRunAndTheKey() {
        assertEquals(
                "ecg_models.hyper_params of run llm-1: missing key \"encoder\"",
                assertThrows(IllegalArgumentException.class, () -> LlmRunParams.of(run("{\"dtype\": \"fp32\"}")))
                        .getMessage());
        assertEquals(
                "ecg_models.hyper_params of run llm-1: key \"encoder\": expected a string, got 7",
                assertThrows(IllegalArgumentException.class, () -> LlmRunParams.of(run("{\"encoder\": 7}")))
                        .getMessage());
    }
}
