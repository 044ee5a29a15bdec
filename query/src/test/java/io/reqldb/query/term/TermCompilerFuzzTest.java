package io.reqldb.query.term;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.terms.TermFamilies;

/**
 * Any JSON a client sends as a query's term compiles to terms or fails with a {@link ReqlError}
 * (RethinkDB's compile errors: unknown terms, wrong argument counts, unbound variables, ...);
 * anything else would reach the client as an internal error.
 */
class TermCompilerFuzzTest {
    private static final TermCompiler COMPILER = compiler();

    private static TermCompiler compiler() {
        TermRegistry registry = new TermRegistry();
        TermFamilies.registerAll(registry);
        return new TermCompiler(registry);
    }

    @FuzzTest
    void compilesOrRefusesWithAReqlError(byte[] json) {
        Datum term;
        try {
            term = DatumJson.parse(json);
        } catch (DatumJson.DatumJsonException notJson) {
            return; // the server answers "Client is buggy" before compiling anything
        }
        try {
            COMPILER.compile(term);
        } catch (ReqlError expected) {
            // the client gets RethinkDB's error
        }
    }
}
