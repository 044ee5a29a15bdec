package io.reqldb.query.terms.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Index blobs and query texts as RethinkDB 2.4.4 produced them (shared/fixtures/rethinkdb-2.4.4). */
class StoredFunctionsTest {
    /** index "kind" of analytics.events: the implicit row("kind") function RethinkDB builds. */
    private static final String KIND = "JHJlcWxfaW5kZXhfZnVuY3Rpb24kCQcHBwAAAAAAAAHt/////////ykAAABbMzEsW1sxMCxbWzEs"
            + "LTE5LDBdXSwwXSxbMSwia2luZCIsMF1dLDBdAAAAAAAAAA==";

    private static byte[] blob(String base64) {
        return Base64.getDecoder().decode(base64);
    }

    @Test
    void decodesRethinkDbBlobAndPrintsItsQuery() {
        StoredFunctions.IndexFunc f = StoredFunctions.decodeIndex(blob(KIND));
        assertThat(f.multi()).isFalse();
        assertThat(f.geo()).isFalse();
        assertThat(f.func().params()).containsExactly(-19L);
        assertThat(IndexStatusRows.query("kind", blob(KIND)))
                .isEqualTo("indexCreate('kind', function(_var19) { return _var19.getField(\"kind\"); })");
    }

    @Test
    void reencodingGivesRethinkDbsBytes() {
        StoredFunctions.IndexFunc f = StoredFunctions.decodeIndex(blob(KIND));
        assertThat(StoredFunctions.encodeIndex(f.func(), false, false)).isEqualTo(blob(KIND));
    }

    @Test
    void printsChainsBranchesAndImplicitRows() {
        String json = "[65,[[21,[[170,[[10,[[1,3,13]],12],[1,\"score\",14]],11],[1,500,15]],10],"
                + "[1,\"high\",16],[1,\"low\",17]],9]";
        RawTerm body = RawTerm.fromStored(io.reqldb.datum.DatumJson.parse(json));
        assertThat(JsPrinter.print(body)).isEqualTo("r.branch(r.gt(var3(\"score\"), 500), \"high\", \"low\")");
        String rows = "[2,[[170,[[13,[],11],[1,\"age\",12]],10],[170,[[13,[],14],[1,\"name\",15]],13]],9]";
        assertThat(JsPrinter.print(RawTerm.fromStored(io.reqldb.datum.DatumJson.parse(rows))))
                .isEqualTo("r.expr([r.row(\"age\"), r.row(\"name\")])");
        String downcase = "[142,[[170,[[10,[[1,2,12]],11],[1,\"name\",13]],10]],9]";
        assertThat(JsPrinter.print(RawTerm.fromStored(io.reqldb.datum.DatumJson.parse(downcase))))
                .isEqualTo("var2(\"name\").downcase()");
    }

    @Test
    void multiAndGeoFlagsRoundTrip() {
        StoredFunctions.IndexFunc f = StoredFunctions.decodeIndex(blob(KIND));
        byte[] multi = StoredFunctions.encodeIndex(f.func(), true, false);
        assertThat(StoredFunctions.decodeIndex(multi).multi()).isTrue();
        assertThat(IndexStatusRows.query("tags", multi)).endsWith(", {multi: true})");
    }

    /** Every index of the RethinkDB 2.4.4 fixture, when the shared fixtures are present. */
    @Test
    void fixtureIndexesRoundTripByteForByte() throws Exception {
        java.nio.file.Path fixture = java.nio.file.Path.of("/work/shared/fixtures/rethinkdb-2.4.4/expected.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(fixture));
        io.reqldb.datum.ObjectDatum all = (io.reqldb.datum.ObjectDatum) io.reqldb.datum.DatumJson.parse(
                java.nio.file.Files.readString(fixture));
        int checked = 0;
        for (io.reqldb.datum.Datum table : all.fields().values()) {
            io.reqldb.datum.Datum indexes = ((io.reqldb.datum.ObjectDatum) table).get("indexes");
            if (!(indexes instanceof io.reqldb.datum.ArrayDatum list)) {
                continue;
            }
            for (io.reqldb.datum.Datum d : list.items()) {
                io.reqldb.datum.ObjectDatum idx = (io.reqldb.datum.ObjectDatum) d;
                byte[] blob = ((io.reqldb.datum.BinaryDatum) idx.get("function")).bytes();
                String name = ((io.reqldb.datum.StringDatum) idx.get("index")).value();
                StoredFunctions.IndexFunc f = StoredFunctions.decodeIndex(blob);
                assertThat(StoredFunctions.encodeIndex(f.func(), f.multi(), f.geo())).as(name).isEqualTo(blob);
                assertThat(IndexStatusRows.query(name, blob)).as(name)
                        .isEqualTo(((io.reqldb.datum.StringDatum) idx.get("query")).value());
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }
}
