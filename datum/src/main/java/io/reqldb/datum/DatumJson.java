package io.reqldb.datum;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes values as RethinkDB's JSON. Reading turns {@code $reql_type$} objects for TIME
 * and BINARY into {@link TimeDatum} and {@link BinaryDatum}; writing produces the raw pseudo-type
 * objects that the server sends (drivers convert them according to {@code time_format} and
 * {@code binary_format}). Numbers are written the way RethinkDB writes them: integers without a
 * fraction, others in the shortest form that reads back to the same double.
 */
public final class DatumJson {
    /**
     * How deeply arrays and objects may nest in JSON read (queries, {@code r.json}). RethinkDB
     * sets no limit of its own; this one is far beyond what drivers produce, and
     * {@link DeepStackThreads} have the stack for it (the readers here recurse once per level).
     * Writing has no such limit: a query can build a value deeper than any it was sent (a
     * {@code fold} that wraps its accumulator), and RethinkDB returns those as they are.
     */
    public static final int MAX_NESTING_DEPTH = 100_000;

    /** Shared factory; Jackson factories are thread-safe once configured. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(100_000)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder()
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .build())
            .build();

    // RethinkDB's base64 is MIME style: CRLF after every 76 characters.
    static final Base64.Encoder BASE64 = Base64.getMimeEncoder();
    /** Where {@link EncodedObject}s write their text before the generator copies it. */
    private static final ThreadLocal<ByteBuilder> ENCODED_TEXT = ThreadLocal.withInitial(() -> new ByteBuilder(4096));
    private static final int MAX_KEPT_TEXT = 1 << 20;
    /** rapidjson's text for a number beyond the range of a double. */
    public static final String NUMBER_TOO_BIG = "Number too big to be stored in double.";

    private DatumJson() {
    }

    // ---------------------------------------------------------------- reading

    /** Parses one JSON text. Pseudo-type objects that are malformed stay plain objects here. */
    public static Datum parse(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            p.nextToken();
            return read(p);
        } catch (IOException e) {
            throw new DatumJsonException(e.getMessage(), e);
        }
    }

    public static Datum parse(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            p.nextToken();
            return read(p);
        } catch (IOException e) {
            throw new DatumJsonException(e.getMessage(), e);
        }
    }

    /** Reads the value at the parser's current token, leaving the parser on its last token. */
    public static Datum read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new DatumJsonException("unexpected end of JSON", null);
        }
        switch (t) {
            case VALUE_NULL:
                return NullDatum.INSTANCE;
            case VALUE_TRUE:
                return BoolDatum.TRUE;
            case VALUE_FALSE:
                return BoolDatum.FALSE;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: {
                double v = p.getDoubleValue();
                if (!Double.isFinite(v)) {
                    // Jackson reads 1e999 as infinity; RethinkDB's parser (rapidjson) refuses it.
                    throw new DatumJsonException(NUMBER_TOO_BIG, null);
                }
                return NumberDatum.of(v);
            }
            case VALUE_STRING:
                return new StringDatum(p.getText());
            case START_ARRAY: {
                List<Datum> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p));
                }
                return ArrayDatum.wrap(items);
            }
            case START_OBJECT: {
                TreeMap<String, Datum> fields = ObjectDatum.newFieldMap();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    p.nextToken();
                    fields.put(key, read(p));
                }
                return fromObject(fields);
            }
            default:
                throw new DatumJsonException("unexpected JSON token " + t, null);
        }
    }

    /**
     * Turns a well-formed TIME or BINARY pseudo-type object into its class; anything else,
     * malformed pseudo-types included, stays an object (queries refuse those with RethinkDB's
     * errors when they build the value).
     */
    public static Datum fromObject(TreeMap<String, Datum> fields) {
        if (fields.get(ObjectDatum.REQL_TYPE) instanceof StringDatum type) {
            switch (type.value()) {
                case "TIME":
                    if (fields.size() == 3 && fields.get("epoch_time") instanceof NumberDatum n
                            && fields.get("timezone") instanceof StringDatum tz) {
                        // RethinkDB keeps times to the millisecond, rounding half away from zero.
                        double ms = Math.abs(n.value() * 1000);
                        double whole = Math.floor(ms);
                        double rounded = Math.copySign(ms - whole >= 0.5 ? whole + 1 : whole, n.value());
                        return new TimeDatum(rounded / 1000, tz.value());
                    }
                    break;
                case "BINARY":
                    if (fields.size() == 2 && fields.get("data") instanceof StringDatum data) {
                        try {
                            return BinaryDatum.wrap(Base64Text.decode(data.value()));
                        } catch (Base64Text.InvalidBase64Exception e) {
                            break;
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        return ObjectDatum.wrap(fields);
    }

    // ---------------------------------------------------------------- writing

    /** A TIME or BINARY value as the plain {@code $reql_type$} object it is on the wire. */
    public static ObjectDatum asRawObject(Datum d) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        if (d instanceof TimeDatum t) {
            m.put(ObjectDatum.REQL_TYPE, new StringDatum("TIME"));
            m.put("epoch_time", NumberDatum.of(t.epochSeconds()));
            m.put("timezone", new StringDatum(t.timezone()));
        } else if (d instanceof BinaryDatum b) {
            m.put(ObjectDatum.REQL_TYPE, new StringDatum("BINARY"));
            m.put("data", new StringDatum(BASE64.encodeToString(b.bytes())));
        } else {
            return (ObjectDatum) d;
        }
        return ObjectDatum.wrap(m);
    }

    public static String write(Datum d) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void write(JsonGenerator g, Datum d) throws IOException {
        switch (d.type()) {
            case NULL -> g.writeNull();
            case BOOL -> g.writeBoolean(((BoolDatum) d).value());
            case NUMBER -> writeNumber(g, ((NumberDatum) d).value());
            case STRING -> g.writeString(((StringDatum) d).value());
            case ARRAY -> {
                List<Datum> items = ((ArrayDatum) d).items();
                g.writeStartArray();
                for (Datum item : items) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case OBJECT, GEOMETRY -> {
                ObjectDatum o = (ObjectDatum) d;
                if (g.getPrettyPrinter() != null) {
                    writeObject(g, o);
                } else if (o.sharedJson() != null) {
                    g.writeRawValue(sharedJson(o));
                } else if (o.encodedForm() == null || !writeEncoded(g, o.encodedForm())) {
                    writeObject(g, o);
                }
            }
            case TIME -> {
                TimeDatum t = (TimeDatum) d;
                g.writeStartObject();
                g.writeStringField(ObjectDatum.REQL_TYPE, "TIME");
                g.writeFieldName("epoch_time");
                writeNumber(g, t.epochSeconds());
                g.writeStringField("timezone", t.timezone());
                g.writeEndObject();
            }
            case BINARY -> {
                g.writeStartObject();
                g.writeStringField(ObjectDatum.REQL_TYPE, "BINARY");
                g.writeStringField("data", BASE64.encodeToString(((BinaryDatum) d).bytes()));
                g.writeEndObject();
            }
            case MINVAL, MAXVAL -> throw new IllegalArgumentException("Cannot convert `" + d + "` to JSON.");
        }
    }

    private static void writeObject(JsonGenerator g, ObjectDatum o) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
            g.writeFieldName(e.getKey());
            write(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** Writes an object's JSON straight from its stored form; false if that form cannot be. */
    private static boolean writeEncoded(JsonGenerator g, EncodedObject encoded) throws IOException {
        ByteBuilder text = ENCODED_TEXT.get().reset();
        try {
            if (!encoded.appendJson(text)) {
                return false;
            }
            g.writeRawValue(new RawJsonValue(text.array(), text.length()));
            return true;
        } finally {
            if (text.array().length > MAX_KEPT_TEXT) {
                ENCODED_TEXT.remove(); // a huge document's buffer is not kept by every thread that wrote one
            }
        }
    }

    /**
     * The JSON of a {@link ObjectDatum#wrapShared} object, written on first use (a race only
     * writes it twice). Kept as UTF-8 bytes alone, what the server's generators copy: a
     * changefeed's log may hold a hundred thousand of these while its slowest reader catches up,
     * and a String beside the bytes would double them.
     */
    private static RawJsonValue sharedJson(ObjectDatum o) throws IOException {
        if (o.sharedJson() instanceof RawJsonValue known) {
            return known;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, (int) Math.min(o.estimatedSize(), 1 << 20)));
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeObject(g, o);
        }
        byte[] utf8 = out.toByteArray();
        RawJsonValue json = new RawJsonValue(utf8, utf8.length);
        o.rememberJson(json);
        return json;
    }

    private static void writeNumber(JsonGenerator g, double v) throws IOException {
        if (isPrintedAsInteger(v)) {
            g.writeNumber((long) v);
        } else {
            g.writeRawValue(formatNumber(v));
        }
    }

    /** RethinkDB prints integral values within ±2^53 as integers, except -0. */
    public static boolean isPrintedAsInteger(double v) {
        return v == Math.rint(v) && Math.abs(v) <= 9007199254740992.0 && !(v == 0 && 1 / v < 0);
    }

    /**
     * Formats a number as RethinkDB does: integers within ±2^53 without a fraction, anything else
     * with rapidjson's Grisu2 digits (see {@link Grisu2}) laid out as rapidjson does: decimal
     * notation while the decimal exponent is in (-6, 21], with ".0" for integral values, exponent
     * notation like {@code 1e21} or {@code 1.5e-7} otherwise.
     */
    public static String formatNumber(double v) {
        if (isPrintedAsInteger(v)) {
            return Long.toString((long) v);
        }
        if (v == 0) {
            return "-0.0";
        }
        Grisu2.Decimal d = Grisu2.digits(Math.abs(v));
        char[] digits = d.digits();
        int length = d.length();
        int kk = length + d.exponent();     // decimal point position after the first kk digits
        StringBuilder out = new StringBuilder(26);
        if (v < 0) {
            out.append('-');
        }
        if (length <= kk && kk <= 21) {
            out.append(digits, 0, length).append("0".repeat(kk - length)).append(".0");
        } else if (kk > 0 && kk <= 21) {
            out.append(digits, 0, kk).append('.').append(digits, kk, length - kk);
        } else if (kk > -6 && kk <= 0) {
            out.append("0.").append("0".repeat(-kk)).append(digits, 0, length);
        } else {
            out.append(digits[0]);
            if (length > 1) {
                out.append('.').append(digits, 1, length - 1);
            }
            out.append('e').append(kk - 1);
        }
        return out.toString();
    }

    /** Thrown for text that is not valid JSON. */
    public static final class DatumJsonException extends RuntimeException {
        public DatumJsonException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
