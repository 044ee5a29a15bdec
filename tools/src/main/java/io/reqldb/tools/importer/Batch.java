package io.reqldb.tools.importer;

/**
 * Up to {@code --batch-size} documents of one table, numbered in file order, as the JSON text
 * of the insert's argument in UTF-8 (see {@link io.reqldb.tools.format.WireRows}).
 */
record Batch(TableState table, int number, byte[] wire, int size) {}
