package io.reqldb.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.TimeDatum;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentCodecTest {

    private static Datum roundTrip(Datum d) {
        return DocumentCodec.decode(DocumentCodec.encode(d));
    }

    @Test
    void numbers_keepTheirExactValue() {
        for (double v : new double[] {0, -0.0, 1, -1, 63, 64, -65, 1e15, 9007199254740991.0, 9007199254740992.0,
                -9007199254740993.0, 0.1, -2.5e-300, Double.MAX_VALUE, Double.MIN_VALUE}) {
            Datum back = roundTrip(NumberDatum.of(v));
            assertThat(Double.doubleToRawLongBits(((NumberDatum) back).value()))
                    .as("%s", v).isEqualTo(Double.doubleToRawLongBits(v));
        }
    }

    @Test
    void smallIntegers_areCompact() {
        assertThat(DocumentCodec.encode(NumberDatum.of(5))).hasSize(1);
        assertThat(DocumentCodec.encode(NumberDatum.of(64))).hasSize(3);
        assertThat(DocumentCodec.encode(Docs.json("{'id':1}"))).hasSize(6);
    }

    @Test
    void everyKind_roundTripsWithPseudoTypesAndZones() {
        List<Datum> values = List.of(
                Docs.json("null"), Docs.json("true"), Docs.json("false"), Docs.str(""), Docs.str("h\u00e9 \uD83D\uDE00"),
                Docs.json("[]"), Docs.json("[1,[2,[3]],{'a':null}]"), Docs.json("{}"),
                Docs.json("{'$reql_type$':'GEOMETRY','type':'Point','coordinates':[1,2]}"),
                new TimeDatum(1.234, "-07:30"), BinaryDatum.wrap(new byte[] {0, 1, (byte) 0xFF}));
        for (Datum d : values) {
            Datum back = roundTrip(d);
            assertThat(back).as("%s", d).isEqualTo(d);
            assertThat(back.type()).isEqualTo(d.type());
            assertThat(DatumJson.write(back)).isEqualTo(DatumJson.write(d));
        }
    }
}
