package io.reqldb.query;

import io.reqldb.query.error.ReqlCompileError;
import java.util.Set;

/**
 * The global optional arguments a query may carry: RethinkDB 2.4's list (its drivers' run options,
 * plus the term optargs a query may set for every term at once), and ReqlDB's {@code snapshot}.
 * Any other name is refused before the query runs, with RethinkDB's compile error, so that a typo
 * such as {@code durabilty} does not silently do nothing.
 */
final class GlobalOptargs {
    private static final Set<String> ACCEPTED = Set.of(
            "_EVAL_FLAGS_", "_NO_RECURSE_", "_SHORTCUT_", "array_limit", "attempts", "auth", "base",
            "binary_format", "changefeed_queue_size", "conflict", "data", "db", "default", "default_timezone",
            "dry_run", "durability", "emergency_repair", "emit", "fill", "final_emit",
            "first_batch_scaledown_factor", "float", "geo", "geo_system", "group_format", "header",
            "identifier_format", "ignore_write_hook", "include_initial", "include_offsets", "include_states",
            "include_types", "index", "interleave", "ordered", "left_bound", "max_batch_bytes", "max_batch_rows",
            "max_batch_seconds", "max_dist", "max_results", "method", "min_batch_rows", "multi", "non_atomic",
            "nonvoting_replica_tags", "noreply", "num_vertices", "overwrite", "page", "page_limit", "params",
            "primary_key", "primary_replica_tag", "profile", "read_mode", "redirects", "replicas",
            "result_format", "return_changes", "return_vals", "right_bound", "shards", "squash", "time_format",
            "timeout", "unit", "use_outdated", "verify", "wait_for",
            "snapshot"); // ReqlDB: read as of a pinned snapshot

    private GlobalOptargs() {
    }

    static void checkName(String name) {
        if (!ACCEPTED.contains(name)) {
            throw new ReqlCompileError("Unrecognized global optional argument `" + name + "`.");
        }
    }
}
