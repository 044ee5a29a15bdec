package io.reqldb.tools.conn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireValueTest {
    @Test
    void build_isThePythonDriversWireForm() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", 1L);
        doc.put("loc", Map.of("$reql_type$", "GEOMETRY", "coordinates", List.of(-180L, -90L)));
        doc.put("none", null);

        // Objects stay plain objects, so $reql_type$ objects arrive as the dump holds them;
        // arrays become MAKE_ARRAY (term 2) terms.
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", 1L);
        expected.put("loc", Map.of("$reql_type$", "GEOMETRY", "coordinates", List.of(2, List.of(-180L, -90L))));
        expected.put("none", null);
        assertThat(new WireValue(List.of(doc)).build()).isEqualTo(List.of(2, List.of(expected)));
    }
}
