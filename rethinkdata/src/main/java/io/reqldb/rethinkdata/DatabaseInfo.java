package io.reqldb.rethinkdata;

import java.util.UUID;

/** A database that exists (not deleted) in the cluster metadata. */
public record DatabaseInfo(UUID id, String name) {
}
