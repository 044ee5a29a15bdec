package io.reqldb.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Objects decode into maps in RethinkDB's key order whether or not the record lists keys in order. */
class DocumentCodecObjectTest {

    @Test
    void keysBeyondAsciiAndSurrogates_keepCodePointOrder() {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        for (String k : List.of("b", "a", "\u00e9", "\uD83D\uDE00", "\uFFFD", "", "ab", "Z", "\u0000")) {
            m.put(k, new StringDatum(k));
        }
        ObjectDatum o = ObjectDatum.wrap(m);
        Datum back = DocumentCodec.decode(DocumentCodec.encode(o));
        assertThat(back).isEqualTo(o);
        assertThat(new ArrayList<>(((ObjectDatum) back).fields().keySet())).isEqualTo(new ArrayList<>(m.keySet()));
        assertThat(((ObjectDatum) back).get("\u00e9")).isEqualTo(new StringDatum("\u00e9"));
    }

    @Test
    void recordWithKeysOutOfOrderOrRepeated_stillDecodesToASortedMap() {
        // tag 7 (object), 3 fields: "b" -> null, "a" -> true, "b" -> false; later duplicates win.
        byte[] record = {7, 3, 1, 'b', 0, 1, 'a', 2, 1, 'b', 1};
        ObjectDatum o = (ObjectDatum) DocumentCodec.decode(record);
        assertThat(new ArrayList<>(o.fields().keySet())).containsExactly("a", "b");
        assertThat(o).isEqualTo(Docs.json("{'a':true,'b':false}"));
        assertThat(o.has("a")).isTrue();
        assertThat(o.has("c")).isFalse();
    }

    @Test
    void geometryObjects_reportTheirType() {
        Datum g = Docs.json("{'$reql_type$':'GEOMETRY','type':'Point','coordinates':[1,2]}");
        Datum back = DocumentCodec.decode(DocumentCodec.encode(g));
        assertThat(back.type()).isEqualTo(io.reqldb.datum.DatumType.GEOMETRY);
        assertThat(back).isEqualTo(g);
    }
}
