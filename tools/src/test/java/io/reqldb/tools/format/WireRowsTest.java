package io.reqldb.tools.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.ast.Query;
import com.rethinkdb.gen.proto.QueryType;
import com.rethinkdb.utils.Internals;
import io.reqldb.tools.Fixtures;
import io.reqldb.tools.conn.WireValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rows copied token by token into a batch must be what the driver would send for the decoded rows. */
class WireRowsTest {
    @ParameterizedTest
    @MethodSource("io.reqldb.tools.format.FixtureBytesTest#tables")
    void copiedRows_equalTheDriversEncodingOfTheDecodedRows(String table) throws IOException {
        Path file = Fixtures.rethinkdb244().resolve("export-json/" + table + ".json");
        List<Map<String, Object>> rows = FixtureBytesTest.readAll(file);
        assertThat(copied(Files.newInputStream(file), null)).isEqualTo(driverText(rows));
    }

    @ParameterizedTest
    @MethodSource("io.reqldb.tools.format.FixtureBytesTest#tables")
    void copiedRowsWithFields_keepOnlyThoseTopLevelFields(String table) throws IOException {
        Path file = Fixtures.rethinkdb244().resolve("export-json/" + table + ".json");
        List<Map<String, Object>> rows = FixtureBytesTest.readAll(file);
        rows.forEach(row -> row.keySet().retainAll(Set.of("id", "tags")));
        assertThat(copied(Files.newInputStream(file), Set.of("id", "tags"))).isEqualTo(driverText(rows));
    }

    @org.junit.jupiter.api.Test
    void edgeNumbers_travelAsTheDecodedValuesWould() throws IOException {
        String json = "[{\"z\": -0, \"nan\": NaN, \"inf\": -Infinity, \"f\": 1.50, \"e\": 1e3, \"big\": 9007199254740993}]";
        Object decoded = Internals.getInternalMapper().readTree(copied(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.US_ASCII)), null));
        assertThat(decoded.toString()).isEqualTo(
                "[2,[{\"z\":0,\"nan\":\"NaN\",\"inf\":\"-Infinity\",\"f\":1.5,\"e\":1000.0,\"big\":9007199254740993}]]");
    }

    private static String copied(InputStream in, Set<String> fields) throws IOException {
        WireRows batch = new WireRows();
        try (JsonRowReader reader = new JsonRowReader(in, "test", JsonRowReader.DEFAULT_MAX_DOCUMENT_SIZE)) {
            while (reader.nextWire(batch, fields)) {
                // all rows into one batch
            }
        }
        return normalised(batch.take());
    }

    /** The query text the driver writes for the rows as one MAKE_ARRAY term. */
    private static String driverText(List<Map<String, Object>> rows) throws IOException {
        ByteBuffer query = new Query(QueryType.START, 1L, new WireValue(rows), null).serialize();
        String text = new String(query.array(), 12, query.array().length - 12, StandardCharsets.UTF_8);
        return Internals.getInternalMapper().readTree(text).get(1).toString();
    }

    /** Number spellings may differ (1.5 and 1.50); their values may not. */
    private static String normalised(byte[] json) throws IOException {
        return Internals.getInternalMapper().readTree(json).toString();
    }
}
