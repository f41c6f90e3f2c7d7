-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Metric drift across data versions
-- MAGIC Is a model as good on today's data as when it was first evaluated?
-- MAGIC Evaluations are tagged with the ecg_segments Delta version they read (ecg_segments@vN); re-evaluation adds
-- MAGIC rows for new versions and keeps the old ones, and Delta time travel shows the tables as they were.
-- MAGIC
-- MAGIC Run headless: `submit-scripts/ecg-pipeline notebook notebooks/drift.sql --tables ./ecg-lake`

-- COMMAND ----------

-- DBTITLE 1,Test F1 per run and data version
-- Change against the run's first evaluated data version.
WITH f1 AS (
  SELECT run_id, data_version, max(evaluated_at) AS evaluated_at, max(value) AS f1
  FROM ecg_metrics
  WHERE split = 'test' AND level = 'segment' AND metric = 'f1'
  GROUP BY run_id, data_version
)
SELECT run_id, data_version, evaluated_at, round(f1, 4) AS f1,
       round(f1 - first_value(f1) OVER (PARTITION BY run_id ORDER BY evaluated_at), 4) AS change_since_first
FROM f1
ORDER BY run_id, evaluated_at;

-- COMMAND ----------

-- DBTITLE 1,Commits of ecg_metrics
-- Delta's own log, newest first: every evaluation that changed something is one commit (WRITE for new rows,
-- MERGE when a re-evaluation changed stored values); an unchanged re-run adds none.
DESCRIBE HISTORY delta.`${tables}/ecg_metrics`;

-- COMMAND ----------

-- DBTITLE 1,ecg_segments history
-- Which data versions exist: a new version is what makes the nightly reevaluate run the models again.
DESCRIBE HISTORY delta.`${tables}/ecg_segments`;

-- COMMAND ----------

-- DBTITLE 1,Time travel: metrics now vs one commit ago
-- ecg_metrics VERSION AS OF the previous commit, joined with the current table: rows that appeared or changed.
SELECT now.run_id, now.data_version, now.split, now.level, now.metric,
       round(before.value, 4) AS value_before, round(now.value, 4) AS value_now
FROM ecg_metrics now
LEFT JOIN (SELECT * FROM delta.`${tables}/ecg_metrics` VERSION AS OF ${previous:ecg_metrics}) before
  ON now.run_id = before.run_id AND now.data_version = before.data_version AND now.split = before.split
 AND now.level = before.level AND now.metric = before.metric
WHERE before.value IS NULL OR before.value <> now.value
ORDER BY now.run_id, now.data_version, now.split, now.level, now.metric;

-- COMMAND ----------

-- DBTITLE 1,Time travel: segments per split, previous ecg_segments version vs now
-- The data older evaluations read is still there: ecg_segments VERSION AS OF the version before the current one.
SELECT coalesce(now.split, before.split) AS split, coalesce(now.label, before.label) AS label,
       coalesce(before.segments, 0) AS segments_before, coalesce(now.segments, 0) AS segments_now
FROM (SELECT split, label, count(*) AS segments FROM ecg_segments GROUP BY split, label) now
FULL OUTER JOIN (SELECT split, label, count(*) AS segments
                 FROM delta.`${tables}/ecg_segments` VERSION AS OF ${previous:ecg_segments}
                 GROUP BY split, label) before
  ON now.split = before.split AND now.label = before.label
ORDER BY split, label;
