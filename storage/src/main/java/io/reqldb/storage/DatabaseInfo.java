package io.reqldb.storage;

import java.util.UUID;

/** A database in the catalog. */
public record DatabaseInfo(UUID id, String name) {
}
