package org.ecgpeft.jobs.maintain;

/**
 * A table's data files in its current version.
 *
 * @param files data files of the current version
 * @param bytes their total size
 */
public record TableFiles(long files, long bytes) {}
