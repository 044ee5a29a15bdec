package io.reqldb.query.terms.geo;

import io.reqldb.query.error.ReqlQueryLogicError;

/** A geometric failure (invalid shape, out-of-range coordinate); a query logic error for the client. */
public final class GeoException extends RuntimeException {
    public GeoException(String message) {
        super(message, null, false, false);
    }

    public ReqlQueryLogicError toReql() {
        return new ReqlQueryLogicError(getMessage());
    }
}
