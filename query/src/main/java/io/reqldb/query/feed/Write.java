package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.ObjectDatum;

/**
 * One committed write as the hub hands it to every feed of the table. Feeds that show rows as
 * they are (no steps, no type field) all send the same {@code {new_val, old_val}} object, so it
 * is built, measured and written as JSON once per write, not once per feed.
 */
final class Write {
    final Datum oldVal;
    final Datum newVal;
    private volatile Datum plain;
    private volatile Change plainChange;
    /** 0 until known, then 1 when old and new are equal (nothing to report), 2 otherwise. */
    private volatile byte trivial;

    Write(Datum oldVal, Datum newVal) {
        this.oldVal = oldVal;
        this.newVal = newVal;
    }

    /** Old and new values are equal: a write that changed nothing a feed could show. */
    boolean isTrivial() {
        byte t = trivial;
        if (t == 0) {
            t = Change.isTrivial(oldVal, newVal) ? (byte) 1 : (byte) 2;
            trivial = t;
        }
        return t == 1;
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
