package io.reqldb.tools.importer;

import java.util.List;
import java.util.Map;

/** Up to {@code --batch-size} documents of one table, numbered in file order. */
record Batch(TableState table, int number, List<Map<String, Object>> docs) {}
