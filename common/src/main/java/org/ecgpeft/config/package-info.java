/**
 * Reading the project's JSON config files ({@link org.ecgpeft.config.JsonFields}): the one place that turns
 * malformed JSON and bad values into errors naming the file and the key. It depends on Jackson only, so the
 * model, PEFT and training packages can all use it without depending on one another.
 */
package org.ecgpeft.config;
