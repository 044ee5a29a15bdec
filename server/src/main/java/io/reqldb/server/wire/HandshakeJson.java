package io.reqldb.server.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a client's handshake message as RethinkDB does: first as JSON text (RapidJSON: exactly
 * one value, numbers that fit a double, no check of UTF-8), then as a datum (no duplicate keys,
 * valid UTF-8 in strings and keys, known pseudo-types). Text that is not one JSON value is
 * RethinkDB's error 8, JSON that is not a datum its error 9.
 */
public final class HandshakeJson {
    /** What RethinkDB answers for the message, with its code. */
    public static final class Refused extends Exception {
        private final int code;

        Refused(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private static final Set<String> PSEUDO_TYPES = Set.of("TIME", "BINARY", "GEOMETRY", "LITERAL");

    private HandshakeJson() {
    }

    /** The message (without its NUL) as a datum. */
    public static Datum parse(byte[] message) throws Refused {
        boolean validUtf8 = true;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(message)).toString();
        } catch (CharacterCodingException e) {
            // RapidJSON takes any bytes inside strings; only the datum conversion refuses them.
            validUtf8 = false;
            text = new String(message, StandardCharsets.UTF_8);
        }
        Datum datum;
        try (JsonParser p = DatumJson.FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw invalidJson();
            }
            datum = read(p);
            if (p.nextToken() != null) {
                throw invalidJson();
            }
        } catch (IOException | RuntimeException e) {
            throw invalidJson();
        } catch (NotADatum e) {
            throw notADatum();
        }
        if (!validUtf8) {
            throw notADatum();
        }
        return datum;
    }

    private static Refused invalidJson() {
        return new Refused(8, "Invalid JSON object.");
    }

    private static Refused notADatum() {
        return new Refused(9, "Failed to convert JSON to datum.");
    }

    /** JSON text that RapidJSON accepts but RethinkDB cannot turn into a datum. */
    private static final class NotADatum extends Exception {
        NotADatum() {
            super(null, null, false, false);
        }
    }

    private static Datum read(JsonParser p) throws IOException, NotADatum {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            TreeMap<String, Datum> fields = ObjectDatum.newFieldMap();
            while (p.nextToken() != JsonToken.END_OBJECT) {
                String key = p.currentName();
                p.nextToken();
                if (fields.put(key, read(p)) != null) {
                    throw new NotADatum();
                }
            }
            Datum type = fields.get(ObjectDatum.REQL_TYPE);
            if (type != null && !(type instanceof StringDatum s && PSEUDO_TYPES.contains(s.value()))) {
                throw new NotADatum();
            }
            return ObjectDatum.wrap(fields);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Datum> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p));
            }
            return ArrayDatum.wrap(items);
        }
        if ((t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT)
                && !Double.isFinite(p.getDoubleValue())) {
            throw new IOException("RapidJSON refuses numbers beyond a double");
        }
        return DatumJson.read(p);
    }
}
