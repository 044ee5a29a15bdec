package io.reqldb.tools.conn;

import com.fasterxml.jackson.databind.util.RawValue;
import com.rethinkdb.gen.ast.ReqlExpr;
import com.rethinkdb.gen.proto.TermType;
import com.rethinkdb.model.Arguments;
import com.rethinkdb.model.OptArgs;

/**
 * A term given as its JSON text, which the driver writes into the query as it is: for a batch
 * of rows already in their wire form ({@link io.reqldb.tools.format.WireRows}), so the driver
 * neither builds nor serialises a value per document.
 */
public final class WireText extends ReqlExpr {
    private final String json;

    /** Wraps the JSON text of a whole term. */
    public WireText(String json) {
        super(TermType.MAKE_ARRAY, new Arguments(), new OptArgs());
        this.json = json;
    }

    @Override
    protected Object build() {
        return new RawValue(json);
    }
}
