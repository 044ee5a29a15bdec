package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.ObjectDatum;

/**
 * One committed write as the hub hands it to every feed of the table: a write that changed its
 * document (storage tells no other), its values as storage gave them, in stored form for a
 * table's documents. Feeds that show rows as they are (no steps, no type field) all send the
 * same {@code {new_val, old_val}} object, so it is built, measured and written as JSON once per
 * write, not once per feed, and straight from the stored form.
 */
final class Write {
    final Datum oldVal;
    final Datum newVal;
    private volatile Datum plain;
    private volatile Change plainChange;

    Write(Datum oldVal, Datum newVal) {
        this.oldVal = oldVal;
        this.newVal = newVal;
    }

    /** The change as stored, without a key, shared by the feeds that queue it (built on first use). */
    Change plainChange() {
        Change c = plainChange;
        if (c == null) {
            c = new Change(null, oldVal, newVal, this);
            plainChange = c;
        }
        return c;
    }

    /** {@code {new_val, old_val}}, built on first use (a race only builds it twice). */
    Datum plainItem() {
        Datum p = plain;
        if (p == null) {
            var m = ObjectDatum.newFieldMap();
            m.put("new_val", newVal == null ? NullDatum.INSTANCE : newVal);
            m.put("old_val", oldVal == null ? NullDatum.INSTANCE : oldVal);
            p = ObjectDatum.wrapShared(m);
            plain = p;
        }
        return p;
    }
}
