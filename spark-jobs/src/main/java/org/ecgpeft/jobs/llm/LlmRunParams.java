package org.ecgpeft.jobs.llm;

import org.apache.spark.sql.Row;
import org.ecgpeft.config.BadKeyException;
import org.ecgpeft.config.Json;

/**
 * What answering with a registered ECG-LLM run needs from its {@code ecg_models.hyper_params} (written by
 * {@link TrainLlmJob}): the MS-CNN run whose features it was trained on and the frozen base's dtype
 * ({@code fp32} when absent). The column's other keys belong to the run's identity and are not read here.
 *
 * @param encoder the MS-CNN run id
 * @param dtype {@code fp16} or {@code fp32}
 */
record LlmRunParams(String encoder, String dtype) {

    LlmRunParams {
        BadKeyException.required(encoder, "encoder");
        dtype = dtype == null ? "fp32" : dtype;
    }

    /** The parameters of {@code run}, a row of {@code ecg_models}; errors name the run and the key. */
    static LlmRunParams of(Row run) {
        return Json.FOREIGN.parse(
                run.getAs("hyper_params"), LlmRunParams.class, "ecg_models.hyper_params of run " + run.getAs("run_id"));
    }
}
