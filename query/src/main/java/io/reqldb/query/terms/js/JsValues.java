package io.reqldb.query.terms.js;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.ExtremeDatum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.jsworker.wire.Protocol;
import io.reqldb.jsworker.wire.WireReader;
import io.reqldb.jsworker.wire.WireWriter;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.terms.datum.PseudoTypes;
import io.reqldb.query.terms.time.TimeMath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values to and from a JavaScript worker's wire format, as RethinkDB 2.4 converts them: times go
 * as {@code Date}s (milliseconds since the epoch) and come back as UTC times, binary goes as its
 * raw object, and {@code r.minval} / {@code r.maxval} cannot go at all.
 */
final class JsValues {
    private JsValues() {
    }

    static void write(WireWriter w, Datum d) {
        if (d instanceof NullDatum) {
            w.writeByte(Protocol.NULL);
        } else if (d instanceof BoolDatum b) {
            w.writeByte(b.value() ? Protocol.TRUE : Protocol.FALSE);
        } else if (d instanceof NumberDatum n) {
            w.number(n.value());
        } else if (d instanceof StringDatum s) {
            w.string(s.value());
        } else if (d instanceof ArrayDatum a) {
            List<Datum> items = a.items();
            w.writeByte(Protocol.ARRAY).writeInt(items.size());
            for (Datum item : items) {
                write(w, item);
            }
        } else if (d instanceof TimeDatum t) {
            w.writeByte(Protocol.TIME).writeDouble(t.epochSeconds() * 1000);
        } else if (d instanceof ExtremeDatum) {
            throw new ReqlQueryLogicError("`" + (d.type() == DatumType.MAXVAL ? "r.maxval" : "r.minval")
                    + "` cannot be passed to `r.js`.");
        } else {
            ObjectDatum o = d instanceof BinaryDatum ? DatumJson.asRawObject(d) : (ObjectDatum) d;
            Map<String, Datum> fields = o.fields();
            w.writeByte(Protocol.OBJECT).writeInt(fields.size());
            for (Map.Entry<String, Datum> e : fields.entrySet()) {
                w.writeString(e.getKey());
                write(w, e.getValue());
            }
        }
    }

    static Datum read(WireReader in) {
        byte tag = in.readByte();
        switch (tag) {
            case Protocol.NULL:
                return NullDatum.INSTANCE;
            case Protocol.FALSE:
                return BoolDatum.of(false);
            case Protocol.TRUE:
                return BoolDatum.of(true);
            case Protocol.NUMBER:
                return NumberDatum.of(in.readDouble());
            case Protocol.STRING:
                return new StringDatum(in.readString());
            case Protocol.ARRAY: {
                int n = in.readCount();
                List<Datum> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read(in));
                }
                return ArrayDatum.wrap(items);
            }
            case Protocol.OBJECT: {
                int n = in.readCount();
                TreeMap<String, Datum> fields = ObjectDatum.newFieldMap();
                for (int i = 0; i < n; i++) {
                    String key = in.readString();
                    fields.put(key, read(in));
                }
                // an object the script built is built as any query's object is: pseudo-types checked
                return PseudoTypes.build(fields);
            }
            case Protocol.TIME:
                return TimeMath.time(in.readDouble() * (1.0 / 1000.0), TimeDatum.UTC);
            default:
                throw new IllegalStateException("unknown value tag " + tag);
        }
    }
}
