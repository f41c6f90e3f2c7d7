-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Metric drift across records versions
-- MAGIC Is a model as good on today's records as on those it trained on? evaluate/reevaluate score each run on an
-- MAGIC ecg_records version prepared with the run's own recipe and tag the results with that recipe on that version
-- MAGIC (records@vN/...); the group 'new-since-training' holds the records ingested after the run's training
-- MAGIC version, which it can never have seen. Older tags (ecg_segments@vN) have no records version and are left
-- MAGIC out. Delta time travel shows the tables as they were.
-- MAGIC
-- MAGIC Run headless: `submit-scripts/ecg-pipeline notebook notebooks/drift.sql --tables ./ecg-lake`

-- COMMAND ----------

-- DBTITLE 1,Metrics per run and records version
-- Record level (llm-record, the majority of the window answers, for ECG-LLM runs): test split and the
-- new-since-training group, with the change against the run's first version.
WITH m AS (
  SELECT run_id, CAST(regexp_extract(data_version, '^records@v([0-9]+)/', 1) AS INT) AS records_version,
         max(evaluated_at) AS evaluated_at,
         max(CASE WHEN split = 'test' AND metric = 'f1' THEN value END) AS test_f1,
         max(CASE WHEN split = 'test' AND metric = 'auroc' THEN value END) AS test_auroc,
         max(CASE WHEN split = 'test' AND metric = 'n' THEN value END) AS test_records,
         max(CASE WHEN split = 'new-since-training' AND metric = 'f1' THEN value END) AS new_f1,
         max(CASE WHEN split = 'new-since-training' AND metric = 'n' THEN value END) AS new_records
  FROM ecg_metrics
  WHERE level IN ('record', 'llm-record') AND data_version LIKE 'records@v%'
  GROUP BY run_id, data_version
)
SELECT run_id, records_version, evaluated_at, round(test_f1, 4) AS test_f1, round(test_auroc, 4) AS test_auroc,
       CAST(test_records AS INT) AS test_records, round(new_f1, 4) AS new_f1,
       CAST(coalesce(new_records, 0) AS INT) AS new_records,
       round(test_f1 - first_value(test_f1) OVER (PARTITION BY run_id ORDER BY records_version), 4)
         AS test_f1_change
FROM m
ORDER BY run_id, records_version;

-- COMMAND ----------

-- DBTITLE 1,Commits of ecg_metrics
-- Delta's own log, newest first: every evaluation that changed something is one commit (WRITE for new rows,
-- MERGE when a re-evaluation changed stored values); an unchanged re-run adds none.
DESCRIBE HISTORY delta.`${tables}/ecg_metrics`;

-- COMMAND ----------

-- DBTITLE 1,ecg_records history
-- Which records versions exist: a new version is what makes the nightly reevaluate score the models again.
DESCRIBE HISTORY delta.`${tables}/ecg_records`;

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
