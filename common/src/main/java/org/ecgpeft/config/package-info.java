/**
 * The project's JSON setup ({@link org.ecgpeft.config.Json}): files read into typed records and records written
 * back, with every bad, missing or unknown key reported by file and JSON path
 * ({@link org.ecgpeft.config.BadKeyException} for the checks of a record's constructor). It depends on Jackson
 * only, so the model, PEFT and training packages can all use it without depending on one another.
 */
package org.ecgpeft.config;
