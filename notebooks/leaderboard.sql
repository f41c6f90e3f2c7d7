-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Leaderboard
-- MAGIC Which model x PEFT variant detects atrial fibrillation best, and at what cost.
-- MAGIC
-- MAGIC Run headless: `submit-scripts/ecg-pipeline notebook notebooks/leaderboard.sql --tables ./ecg-lake [--out results/]`
-- MAGIC Every table under the root is a view named after it. Metrics are those of each run's latest evaluation.

-- COMMAND ----------

-- DBTITLE 1,Latest evaluation per run
-- The data version (the run's recipe on records@vN) each run was last evaluated on, and when.
SELECT run_id, data_version, evaluated_at
FROM (SELECT run_id, data_version, max(evaluated_at) AS evaluated_at,
             row_number() OVER (PARTITION BY run_id ORDER BY max(evaluated_at) DESC) AS newest
      FROM ecg_metrics GROUP BY run_id, data_version)
WHERE newest = 1
ORDER BY run_id;

-- COMMAND ----------

-- DBTITLE 1,Test leaderboard, segment level
-- AF F1 first (the task is imbalanced), then AUROC and AUPRC (average precision, which AF's low prevalence
-- makes harder than AUROC); trainable share shows what the PEFT method costs.
WITH latest AS (
  SELECT run_id, data_version
  FROM (SELECT run_id, data_version,
               row_number() OVER (PARTITION BY run_id ORDER BY max(evaluated_at) DESC) AS newest
        FROM ecg_metrics GROUP BY run_id, data_version)
  WHERE newest = 1
), m AS (
  SELECT x.run_id, x.metric, x.value FROM ecg_metrics x JOIN latest l USING (run_id, data_version)
  WHERE x.split = 'test' AND x.level = 'segment'
)
SELECT rank() OVER (ORDER BY max(CASE WHEN metric = 'f1' THEN value END) DESC) AS rank,
       m.run_id, md.family, md.peft,
       round(max(CASE WHEN metric = 'f1' THEN value END), 4) AS f1,
       round(max(CASE WHEN metric = 'auroc' THEN value END), 4) AS auroc,
       round(max(CASE WHEN metric = 'auprc' THEN value END), 4) AS auprc,
       round(max(CASE WHEN metric = 'accuracy' THEN value END), 4) AS accuracy,
       round(max(CASE WHEN metric = 'macro_f1' THEN value END), 4) AS macro_f1,
       md.trainable_params,
       round(100.0 * md.trainable_params / md.total_params, 2) AS trainable_pct
FROM m JOIN ecg_models md USING (run_id)
GROUP BY m.run_id, md.family, md.peft, md.trainable_params, md.total_params
ORDER BY rank, m.run_id;

-- COMMAND ----------

-- DBTITLE 1,Test leaderboard, record level
-- One decision per recording (mean segment probability >= 0.5): what a clinician would see.
WITH latest AS (
  SELECT run_id, data_version
  FROM (SELECT run_id, data_version,
               row_number() OVER (PARTITION BY run_id ORDER BY max(evaluated_at) DESC) AS newest
        FROM ecg_metrics GROUP BY run_id, data_version)
  WHERE newest = 1
)
SELECT x.run_id,
       round(max(CASE WHEN metric = 'f1' THEN value END), 4) AS f1,
       round(max(CASE WHEN metric = 'auroc' THEN value END), 4) AS auroc,
       round(max(CASE WHEN metric = 'auprc' THEN value END), 4) AS auprc,
       round(max(CASE WHEN metric = 'recall' THEN value END), 4) AS sensitivity,
       round(max(CASE WHEN metric = 'specificity' THEN value END), 4) AS specificity,
       CAST(max(CASE WHEN metric = 'n' THEN value END) AS BIGINT) AS records
FROM ecg_metrics x JOIN latest l USING (run_id, data_version)
WHERE x.split = 'test' AND x.level = 'record'
GROUP BY x.run_id
ORDER BY f1 DESC, x.run_id;

-- COMMAND ----------

-- DBTITLE 1,Confusion counts on test
-- Recomputed from the stored predictions, so it also checks them against ecg_metrics' tp/fp/tn/fn.
SELECT run_id, data_version,
       sum(CASE WHEN label = 1 AND pred = 1 THEN 1 ELSE 0 END) AS tp,
       sum(CASE WHEN label = 0 AND pred = 1 THEN 1 ELSE 0 END) AS fp,
       sum(CASE WHEN label = 0 AND pred = 0 THEN 1 ELSE 0 END) AS tn,
       sum(CASE WHEN label = 1 AND pred = 0 THEN 1 ELSE 0 END) AS fn
FROM ecg_predictions
WHERE split = 'test'
GROUP BY run_id, data_version
ORDER BY run_id, data_version;
