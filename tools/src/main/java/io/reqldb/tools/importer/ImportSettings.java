package io.reqldb.tools.importer;

import java.nio.file.Path;
import java.util.List;

/**
 * How to import.
 *
 * @param clients writer connections (official default 8)
 * @param batchSize documents per insert (official default 200)
 * @param hardDurability {@code durability: "hard"} instead of "soft"
 * @param force allow existing tables and replace documents with the same primary key
 * @param secondaryIndexes re-create indexes from the {@code .info} blobs
 * @param fields top-level fields to keep, or null for all
 * @param shards shards for newly created tables, or null for the server default
 * @param replicas replicas for newly created tables, or null for the server default
 * @param journal where progress is recorded for {@code --resume}, or null for none
 * @param resume continue the run recorded in {@code journal}
 */
public record ImportSettings(int clients, int batchSize, boolean hardDurability, boolean force,
        boolean secondaryIndexes, List<String> fields, Integer shards, Integer replicas, Path journal,
        boolean resume) {}
