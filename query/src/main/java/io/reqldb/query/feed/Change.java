package io.reqldb.query.feed;

import io.reqldb.datum.Datum;

/**
 * One change as a feed buffers it: the document's key and its old and new values as the feed
 * shows them (after the chain's transformations); Java null for "absent".
 */
record Change(Datum key, Datum oldVal, Datum newVal, Write shared) {

    Change(Datum key, Datum oldVal, Datum newVal) {
        this(key, oldVal, newVal, null);
    }

    /** Nothing to report: absent on both sides, or the same value. */
    boolean isTrivial() {
        if (shared != null && oldVal == shared.oldVal && newVal == shared.newVal) {
            return false; // the write as told, which changed its document: nothing to decode and compare
        }
        return oldVal == null ? newVal == null : oldVal.equals(newVal);
    }
}
