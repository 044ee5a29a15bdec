package io.reqldb.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.ObjectDatum;
import org.junit.jupiter.api.Test;

/**
 * A document held in its stored form only ({@link ObjectDatum#storedOnly}) reads as the decoded
 * document does, one field at a time or whole, and is written as the same JSON.
 */
class StoredOnlyTest {
    private static final String JSON = "{\"a\":[1,{\"b\":\"x\"}],\"big\":1.5e300,\"id\":7,\"nested\":{\"k\":null},"
            + "\"s\":\"" + "long string ".repeat(10) + "\",\"t\":{\"$reql_type$\":\"TIME\",\"epoch_time\":1,\"timezone\":\"+00:00\"},"
            + "\"ü\":true}";

    private static ObjectDatum held() {
        Datum parsed = DatumJson.parse(JSON);
        return ((ObjectDatum) StoredDocument.read(DocumentCodec.encode(parsed))).storedOnly();
    }

    @Test
    void eachFieldReadsAsDecoded() {
        ObjectDatum decoded = (ObjectDatum) DatumJson.parse(JSON);
        ObjectDatum held = held();
        for (String key : decoded.fields().keySet()) {
            assertThat(held.get(key)).as(key).isEqualTo(decoded.get(key));
            assertThat(held.has(key)).as(key).isTrue();
        }
        assertThat(held.get("absent")).isNull();
        assertThat(held.has("absent")).isFalse();
        assertThat(held.get("t").type()).isEqualTo(DatumType.TIME);
        assertThat(held).isEqualTo(decoded);
        assertThat(held.storedOnly()).isSameAs(held);
        assertThat(DatumJson.write(held)).isEqualTo(DatumJson.write(decoded));
    }

    @Test
    void anObjectBuiltInMemoryIsHeldAsItIs() {
        ObjectDatum built = (ObjectDatum) DatumJson.parse(JSON);
        assertThat(built.storedOnly()).isSameAs(built);
    }
}
