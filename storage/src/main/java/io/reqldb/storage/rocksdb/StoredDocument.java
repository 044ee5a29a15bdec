package io.reqldb.storage.rocksdb;

import io.reqldb.datum.ByteBuilder;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.EncodedObject;
import io.reqldb.datum.ObjectDatum;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A document as table reads hand it out: still its stored record, decoded by the first query
 * that looks inside it, and written as JSON straight from the record ({@link DocumentJson}) by
 * the many that never do.
 */
final class StoredDocument implements EncodedObject {
    private static final byte[] REQL_TYPE = ObjectDatum.REQL_TYPE.getBytes(StandardCharsets.UTF_8);
    private static final byte[] GEOMETRY = "GEOMETRY".getBytes(StandardCharsets.UTF_8);

    private final byte[] record;

    private StoredDocument(byte[] record) {
        this.record = record;
    }

    /** The document in {@code record}, left encoded when it is an object (as documents are). */
    static Datum read(byte[] record) {
        if ((record[0] & 0xFF) != DocumentCodec.OBJECT) {
            return DocumentCodec.decode(record);
        }
        return ObjectDatum.encoded(new StoredDocument(record), isGeometry(record) ? DatumType.GEOMETRY : DatumType.OBJECT);
    }

    /** Whether the object has {@code $reql_type$: "GEOMETRY"}, found without decoding it. */
    private static boolean isGeometry(byte[] record) {
        RecordCursor at = new RecordCursor(record);
        at.pos = 1;
        for (long n = at.varint(); n > 0; n--) {
            int len = (int) at.varint();
            int key = at.pos;
            at.pos += len;
            if (Arrays.equals(record, key, key + len, REQL_TYPE, 0, REQL_TYPE.length)) {
                return isString(at, GEOMETRY);
            }
            at.skipValue();
        }
        return false;
    }

    /** Whether the value at the cursor is the string {@code expected}, in either string form. */
    private static boolean isString(RecordCursor at, byte[] expected) {
        int tag = at.b[at.pos++] & 0xFF;
        int len;
        if (tag >= DocumentCodec.FIXSTR && tag <= DocumentCodec.FIXSTR + DocumentCodec.FIX_MAX) {
            len = tag - DocumentCodec.FIXSTR;
        } else if (tag == DocumentCodec.STRING) {
            len = (int) at.varint();
        } else {
            return false;
        }
        return Arrays.equals(at.b, at.pos, at.pos + len, expected, 0, expected.length);
    }

    @Override
    public ObjectDatum decode() {
        return (ObjectDatum) DocumentCodec.decode(record);
    }

    @Override
    public Datum field(String key) {
        byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
        RecordCursor at = new RecordCursor(record);
        at.pos = 1;
        for (long n = at.varint(); n > 0; n--) {
            int len = (int) at.varint();
            int start = at.pos;
            at.pos += len;
            if (Arrays.equals(record, start, start + len, wanted, 0, wanted.length)) {
                return DocumentCodec.decodeAt(record, at.pos);
            }
            at.skipValue();
        }
        return null;
    }

    @Override
    public boolean appendJson(ByteBuilder out) {
        return DocumentJson.append(record, out);
    }

    @Override
    public int size() {
        return record.length;
    }

    @Override
    public long decodedHeapSize() {
        return DecodedHeapSize.of(record);
    }
}
