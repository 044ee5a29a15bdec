package io.reqldb.storage;

import java.util.UUID;

/** A table in the catalog: its id, place, primary key and durability default. */
public record TableInfo(UUID id, String db, UUID dbId, String name, String primaryKey, Durability durability) {
}
