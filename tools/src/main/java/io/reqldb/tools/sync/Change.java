package io.reqldb.tools.sync;

/**
 * One change from a source feed: the row's key, its new value (null when deleted) and when it
 * arrived ({@link System#nanoTime()}), for the lag.
 */
record Change(Object key, Object newValue, long arrived) {}
