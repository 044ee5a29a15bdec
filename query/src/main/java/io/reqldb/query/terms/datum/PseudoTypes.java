package io.reqldb.query.terms.datum;

import io.reqldb.datum.Base64Text;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.terms.time.TimeZones;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value of an object a query builds, as RethinkDB's datum constructor makes it: a
 * {@code $reql_type$} object becomes the value it stands for (TIME, BINARY) or is checked (GEOMETRY,
 * LITERAL and GROUPED_DATA are checked where they are used), and anything else carrying
 * {@code $reql_type$} is refused with RethinkDB's error. Every place that builds an object from
 * parts (object literals, MAKE_OBJ, {@code r.object}, {@code r.json}, {@code r.js}) goes through here.
 */
public final class PseudoTypes {
    private PseudoTypes() {
    }

    public static Datum build(TreeMap<String, Datum> fields) {
        Datum reqlType = fields.get(ObjectDatum.REQL_TYPE);
        if (reqlType == null) {
            return ObjectDatum.wrap(fields);
        }
        ObjectDatum object = ObjectDatum.wrap(fields);
        if (!(reqlType instanceof StringDatum type)) {
            throw new ReqlQueryLogicError("Error: Field `$reql_type$` must be a string (got `"
                    + DatumPrinter.truncated(reqlType) + "` of type " + reqlType.typeName() + "):\n"
                    + DatumPrinter.truncated(object));
        }
        return switch (type.value()) {
            case "TIME" -> time(fields, object);
            case "BINARY" -> binary(fields);
            case "GEOMETRY", "GROUPED_DATA", "LITERAL" -> object;
            default -> throw new ReqlQueryLogicError("Unknown $reql_type$ `PTYPE<" + type.value() + ">`.");
        };
    }

    /** RethinkDB's {@code sanitize_time}: exactly {@code epoch_time} (a number) and {@code timezone}. */
    private static Datum time(TreeMap<String, Datum> fields, ObjectDatum object) {
        Double epoch = null;
        String zone = null;
        String problem = null;
        for (Map.Entry<String, Datum> e : fields.entrySet()) {
            Datum v = e.getValue();
            switch (e.getKey()) {
                case ObjectDatum.REQL_TYPE -> {
                }
                case "epoch_time" -> {
                    if (v instanceof NumberDatum n) {
                        epoch = n.value();
                    } else {
                        problem = "field `epoch_time` must be a number (got `" + DatumPrinter.truncated(v)
                                + "` of type " + v.typeName() + ")";
                    }
                }
                case "timezone" -> {
                    if (v instanceof StringDatum s) {
                        try {
                            zone = TimeZones.normalize(s.value());
                        } catch (ReqlQueryLogicError invalid) {
                            problem = "invalid timezone string `" + DatumPrinter.truncated(v) + "`";
                        }
                    } else {
                        problem = "field `timezone` must be a string (got `" + DatumPrinter.truncated(v)
                                + "` of type " + v.typeName() + ")";
                    }
                }
                default -> problem = "unrecognized field `" + e.getKey() + "`";
            }
            if (problem != null) {
                break;
            }
        }
        if (problem == null && epoch == null) {
            problem = "no field `epoch_time`";
        } else if (problem == null && zone == null) {
            problem = "no field `timezone`";
        }
        if (problem != null) {
            throw new ReqlQueryLogicError("Invalid time object constructed (" + problem + "):\n"
                    + DatumPrinter.truncated(object));
        }
        // RethinkDB keeps times to the millisecond, rounding half away from zero.
        return new TimeDatum(Math.copySign((double) Math.round(Math.abs(epoch) * 1000), epoch) / 1000.0, zone);
    }

    /** RethinkDB's {@code decode_base64_ptype}: exactly a base64 {@code data} string. */
    private static Datum binary(TreeMap<String, Datum> fields) {
        byte[] bytes = null;
        for (Map.Entry<String, Datum> e : fields.entrySet()) {
            if (e.getKey().equals(ObjectDatum.REQL_TYPE)) {
                continue;
            }
            if (!e.getKey().equals("data")) {
                throw new ReqlQueryLogicError("Invalid binary pseudotype: illegal `" + e.getKey() + "` key.");
            }
            if (!(e.getValue() instanceof StringDatum data)) {
                throw new ReqlQueryLogicError("Expected type STRING but found " + e.getValue().typeName() + ".");
            }
            try {
                bytes = Base64Text.decode(data.value());
            } catch (Base64Text.InvalidBase64Exception invalid) {
                throw new ReqlQueryLogicError(invalid.getMessage());
            }
        }
        if (bytes == null) {
            throw new ReqlQueryLogicError("Invalid binary pseudotype: lacking `data` key.");
        }
        return BinaryDatum.wrap(bytes);
    }
}
