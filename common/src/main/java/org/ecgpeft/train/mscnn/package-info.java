/**
 * Training of the frozen ECG encoder of the ECG-LLM study: the MS-CNN on CinC 2017 normal (N) vs atrial
 * fibrillation (A) records. {@link org.ecgpeft.train.mscnn.CincAfRecords} reads the records,
 * {@link org.ecgpeft.signal.RecordSplitter} (the shared record-level split rule) splits them by record,
 * {@link org.ecgpeft.train.mscnn.RandomCrops} gives a fresh random 2,400-sample crop per record and epoch,
 * {@link org.ecgpeft.train.mscnn.EvaluationWindows}, {@link org.ecgpeft.train.mscnn.EncoderEvaluator} and
 * {@link org.ecgpeft.train.mscnn.EncoderFigures} give segment- and record-level figures (at 0.5 and at a
 * validation-tuned threshold), {@link org.ecgpeft.train.mscnn.MsCnnTraining} runs it all through the generic
 * {@link org.ecgpeft.train.Trainer}, and {@link org.ecgpeft.train.mscnn.MsCnnCheckpoint} is the folder the
 * {@code features} job loads. Windows are z-scored one by one, as the preprocess job's default. The tool
 * {@link org.ecgpeft.train.mscnn.MsCnnCommand} ({@code mscnn train|eval}: {@link
 * org.ecgpeft.train.mscnn.MsCnnTrainingCommand}, {@link org.ecgpeft.train.mscnn.MsCnnEvaluationCommand}) and the
 * {@code train-mscnn} job share their options through {@link org.ecgpeft.train.mscnn.MsCnnOptions}.
 */
package org.ecgpeft.train.mscnn;
