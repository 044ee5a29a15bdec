package io.reqldb.datum;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds values of every type from a fuzzer's input, so properties over values (key encoding,
 * ordering) see shapes that JSON text alone rarely reaches: binaries, times, geometry, the
 * extreme values, -0, lone surrogates and NUL characters.
 */
final class FuzzedDatums {
    private static final double[] EDGE_NUMBERS = {0.0, -0.0, 1, -1, 0.5, 9007199254740992.0,
        -9007199254740993.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, 1e21, 1e-7};
    private static final String[] EDGE_STRINGS = {"", "\0", "a\0", "a", "\uD800", "\uDBFF\uDFFF", "\uFFFF", "\u00e9"};

    private FuzzedDatums() {
    }

    /** One value, nesting arrays and objects at most {@code depth} deep. */
    static Datum next(FuzzedDataProvider data, int depth) {
        int kind = data.consumeInt(0, depth > 0 ? 13 : 10);
        return switch (kind) {
            case 0 -> NullDatum.INSTANCE;
            case 1 -> data.consumeBoolean() ? BoolDatum.TRUE : BoolDatum.FALSE;
            case 2 -> NumberDatum.of(finite(data.consumeDouble()));
            case 3 -> NumberDatum.of(data.pickValue(EDGE_NUMBERS));
            case 4 -> new StringDatum(data.consumeString(16));
            case 5 -> new StringDatum(data.pickValue(EDGE_STRINGS) + data.consumeString(4));
            case 6 -> BinaryDatum.wrap(data.consumeBytes(data.consumeInt(0, 16)));
            case 7 -> new TimeDatum(Math.rint(finite(data.consumeDouble()) % 1e11 * 1000) / 1000, TimeDatum.UTC);
            case 8 -> data.consumeBoolean() ? ExtremeDatum.MIN : ExtremeDatum.MAX;
            case 9 -> NumberDatum.of(data.consumeInt());
            case 10 -> new StringDatum(data.consumeAsciiString(6));
            case 11 -> array(data, depth - 1);
            case 12 -> object(data, depth - 1, false);
            default -> object(data, depth - 1, true);
        };
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static Datum array(FuzzedDataProvider data, int depth) {
        int n = data.consumeInt(0, 4);
        List<Datum> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(next(data, depth));
        }
        return ArrayDatum.wrap(items);
    }

    private static Datum object(FuzzedDataProvider data, int depth, boolean geometry) {
        TreeMap<String, Datum> fields = ObjectDatum.newFieldMap();
        int n = data.consumeInt(0, 4);
        for (int i = 0; i < n; i++) {
            fields.put(data.consumeString(6), next(data, depth));
        }
        if (geometry) {
            fields.put(ObjectDatum.REQL_TYPE, new StringDatum("GEOMETRY"));
        } else if (fields.get(ObjectDatum.REQL_TYPE) instanceof StringDatum s && s.value().equals("GEOMETRY")) {
            fields.remove(ObjectDatum.REQL_TYPE);
        }
        return ObjectDatum.wrap(fields);
    }
}
