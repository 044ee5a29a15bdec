package io.reqldb.storage;

/**
 * The state of a secondary index.
 *
 * @param definition what the index computes
 * @param ready      false while the index is still being built in the background
 * @param progress   fraction of the build done, 0 to 1 (1 when ready)
 * @param outdated   built under an older function format than the current one
 * @param buildStartMillis when the running build started (epoch milliseconds), 0 when none runs
 */
public record IndexStatus(IndexDefinition definition, boolean ready, double progress, boolean outdated,
                          long buildStartMillis) {
}
