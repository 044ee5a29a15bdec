package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.datum.DatumType;
import io.reqldb.storage.KeyRange;

/** Membership of index values in a {@link KeyRange}, in RethinkDB's order of values. */
final class KeyRanges {
    private KeyRanges() {
    }

    static boolean contains(KeyRange r, Datum v) {
        if (r.lower() != null && r.lower().type() != DatumType.MINVAL) {
            int c = DatumOrder.compare(v, r.lower());
            if (c < 0 || (c == 0 && !r.lowerClosed())) {
                return false;
            }
        }
        if (r.upper() != null && r.upper().type() != DatumType.MAXVAL) {
            int c = DatumOrder.compare(v, r.upper());
            return c < 0 || (c == 0 && r.upperClosed());
        }
        return true;
    }

    static boolean equal(Datum a, Datum b) {
        return DatumOrder.compare(a, b) == 0;
    }
}
