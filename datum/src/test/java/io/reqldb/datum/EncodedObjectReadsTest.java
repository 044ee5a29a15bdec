package io.reqldb.datum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An object read from a table stays in its stored form until its fields are used: one field is
 * found in the record, and only a further read decodes the whole object, once.
 */
class EncodedObjectReadsTest {
    /** A stored form that counts what is asked of it. */
    private static final class CountingRecord implements EncodedObject {
        private final ObjectDatum fields = ObjectDatum.copyOf(Map.of("a", NumberDatum.of(1), "b", NumberDatum.of(2)));
        int decodes;
        int fieldReads;

        @Override
        public ObjectDatum decode() {
            decodes++;
            return fields;
        }

        @Override
        public boolean appendJson(ByteBuilder out) {
            return false;
        }

        @Override
        public Datum field(String key) {
            fieldReads++;
            return fields.get(key);
        }

        @Override
        public int size() {
            return 16;
        }

        @Override
        public long decodedHeapSize() {
            return 64;
        }
    }

    @Test
    void oneFieldIsReadFromTheRecord_andAFurtherReadDecodesOnce() {
        CountingRecord record = new CountingRecord();
        ObjectDatum row = ObjectDatum.encoded(record, DatumType.OBJECT);

        assertThat(row.reqlType()).isNull(); // checked before a field is read, and decodes nothing
        assertThat(row.get("a")).isEqualTo(NumberDatum.of(1));
        assertThat(record.decodes).isZero();
        assertThat(record.fieldReads).isEqualTo(2);

        assertThat(row.get("b")).isEqualTo(NumberDatum.of(2));
        assertThat(row.get("a")).isEqualTo(NumberDatum.of(1));
        assertThat(row.get("c")).isNull();
        assertThat(record.decodes).isEqualTo(1);
        assertThat(record.fieldReads).isEqualTo(2);
    }
}
