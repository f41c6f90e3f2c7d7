-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Training curves
-- MAGIC How each run converged, and whether the checkpoint's epoch was the best one.
-- MAGIC
-- MAGIC Run headless: `submit-scripts/ecg-pipeline notebook notebooks/curves.sql --tables ./ecg-lake`

-- COMMAND ----------

-- DBTITLE 1,Loss per epoch and split
-- Mean logged loss per epoch; train falling while val rises means over-fitting.
SELECT run_id, epoch, split, round(avg(loss), 5) AS loss, count(*) AS points
FROM ecg_training_curves
WHERE loss IS NOT NULL
GROUP BY run_id, epoch, split
ORDER BY run_id, split, epoch;

-- COMMAND ----------

-- DBTITLE 1,Best validation epoch per run and metric
SELECT run_id, metric, epoch AS best_epoch, round(value, 4) AS best_value
FROM (SELECT run_id, metric, epoch, value,
             row_number() OVER (PARTITION BY run_id, metric ORDER BY value DESC, epoch) AS best
      FROM ecg_training_curves
      WHERE split IN ('val', 'validation') AND value IS NOT NULL)
WHERE best = 1
ORDER BY run_id, metric;

-- COMMAND ----------

-- DBTITLE 1,Steps and wall time per run
-- Training cost next to the curve length: seconds per logged step.
SELECT c.run_id, m.family, m.peft, max(c.step) AS steps, max(c.epoch) + 1 AS epochs,
       round(m.train_seconds, 1) AS train_seconds,
       round(m.train_seconds / greatest(max(c.step), 1), 3) AS seconds_per_step,
       round(m.peak_memory_bytes / 1048576.0, 1) AS peak_mib
FROM ecg_training_curves c JOIN ecg_models m USING (run_id)
GROUP BY c.run_id, m.family, m.peft, m.train_seconds, m.peak_memory_bytes
ORDER BY c.run_id;
