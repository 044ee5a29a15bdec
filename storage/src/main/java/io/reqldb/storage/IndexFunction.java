package io.reqldb.storage;

import io.reqldb.datum.Datum;
import java.util.List;

/**
 * Computes the secondary-index keys of a document. Compiled by the query layer from the index's
 * stored definition. A document that makes the function fail, or whose value is not indexable, is
 * simply left out of the index (RethinkDB's rule), so implementations return an empty list then.
 */
@FunctionalInterface
public interface IndexFunction {
    /**
     * The keys under which {@code document} is indexed: none, one, or (for a multi index) one per
     * element of the function's array result, duplicates removed.
     */
    List<Datum> keys(Datum document);
}
