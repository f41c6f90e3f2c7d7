-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Normalisation ablation
-- MAGIC Per-segment vs global z-score, for the same model and PEFT method.
-- MAGIC A run's norm mode is that of the segments it was trained on (ecg_models.data_version -> ecg_segments).
-- MAGIC
-- MAGIC Run headless: `submit-scripts/ecg-pipeline notebook notebooks/norm_ablation.sql --tables ./ecg-lake`

-- COMMAND ----------

-- DBTITLE 1,Norm mode of every run
SELECT m.run_id, m.family, m.peft, s.norm_mode, m.data_version
FROM ecg_models m
JOIN (SELECT DISTINCT data_version, norm_mode FROM ecg_segments) s USING (data_version)
ORDER BY m.family, m.peft, s.norm_mode, m.run_id;

-- COMMAND ----------

-- DBTITLE 1,Test F1 and AUROC by model, PEFT method and norm mode
-- Best run per configuration (hyper-parameter grids give several); the delta column is global minus per-segment.
WITH runs AS (
  SELECT m.run_id, m.family, m.peft, s.norm_mode
  FROM ecg_models m JOIN (SELECT DISTINCT data_version, norm_mode FROM ecg_segments) s USING (data_version)
), scores AS (
  SELECT r.family, r.peft, r.norm_mode,
         max(CASE WHEN x.metric = 'f1' THEN x.value END) AS f1,
         max(CASE WHEN x.metric = 'auroc' THEN x.value END) AS auroc
  FROM runs r JOIN ecg_metrics x USING (run_id)
  WHERE x.split = 'test' AND x.level = 'segment'
  GROUP BY r.run_id, r.family, r.peft, r.norm_mode
)
SELECT family, peft,
       round(max(CASE WHEN norm_mode = 'per-segment' THEN f1 END), 4) AS f1_per_segment,
       round(max(CASE WHEN norm_mode = 'global' THEN f1 END), 4) AS f1_global,
       round(max(CASE WHEN norm_mode = 'global' THEN f1 END)
             - max(CASE WHEN norm_mode = 'per-segment' THEN f1 END), 4) AS f1_delta,
       round(max(CASE WHEN norm_mode = 'per-segment' THEN auroc END), 4) AS auroc_per_segment,
       round(max(CASE WHEN norm_mode = 'global' THEN auroc END), 4) AS auroc_global
FROM scores
GROUP BY family, peft
ORDER BY family, peft;

-- COMMAND ----------

-- DBTITLE 1,Global normalisation statistics
-- The training-split mean and std that global z-scoring used, per data version.
SELECT data_version, norm_mode, round(mean, 5) AS mean, round(std, 5) AS std, n
FROM ecg_norm_stats
ORDER BY data_version;
