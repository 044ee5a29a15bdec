package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;

/**
 * Changes a feed dropped because more than {@code changefeed_queue_size} waited (RethinkDB's
 * rule), counted until the reader is told with one error item. Not thread-safe: the owning feed
 * locks around it.
 */
final class SkippedChanges {
    private long count;

    void add(long dropped) {
        count += dropped;
    }

    boolean any() {
        return count > 0;
    }

    /** RethinkDB's item for an overflowed queue, telling how many changes were skipped; the count starts again. */
    Datum takeItem() {
        Datum item = ObjectDatum.of("error", new StringDatum(
                "Changefeed cache over array size limit, skipped " + count + " elements."));
        count = 0;
        return item;
    }
}
