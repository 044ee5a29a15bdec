package io.reqldb.storage.rocksdb;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.IndexFunction;
import io.reqldb.storage.IndexFunctionCompiler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Test fixtures: documents from JSON, a field-index compiler, cursor draining. */
final class Docs {
    private Docs() {
    }

    static Datum json(String json) {
        return DatumJson.parse(json.replace('\'', '"'));
    }

    static Datum num(double v) {
        return NumberDatum.of(v);
    }

    static Datum str(String s) {
        return new StringDatum(s);
    }

    /** The stored function is the field name; a multi index yields each array element. */
    static final IndexFunctionCompiler FIELD_COMPILER = def -> field(new String(def.function(), StandardCharsets.UTF_8),
            def.multi());

    static IndexFunction field(String name, boolean multi) {
        return doc -> {
            Datum v = doc instanceof ObjectDatum o ? o.get(name) : null;
            if (v == null) {
                return List.of();
            }
            if (multi && v instanceof ArrayDatum a) {
                return List.copyOf(new LinkedHashSet<>(a.items()));
            }
            return List.of(v);
        };
    }

    static IndexDefinition fieldIndex(String indexName, String field, boolean multi) {
        return new IndexDefinition(indexName, field.getBytes(StandardCharsets.UTF_8), multi, false,
                IndexDefinition.CURRENT_FORMAT_VERSION);
    }

    /** Reads the cursor to the end and closes it. */
    static List<Datum> drain(DocumentCursor cursor) {
        try (cursor) {
            List<Datum> out = new ArrayList<>();
            for (Datum d = cursor.next(); d != null; d = cursor.next()) {
                out.add(d);
            }
            return out;
        }
    }

    /** The values of one field of each document. */
    static List<Datum> field(List<Datum> docs, String name) {
        return docs.stream().map(d -> ((ObjectDatum) d).get(name)).toList();
    }

    static List<Datum> nums(double... vs) {
        List<Datum> out = new ArrayList<>();
        for (double v : vs) {
            out.add(num(v));
        }
        return out;
    }
}
