package io.reqldb.jsworker;

import io.reqldb.jsworker.wire.WireReader;

/** What a script gave: a value in the wire format, or a function to call later by its source. */
public sealed interface JsReply {
    /** A value; read it with the query layer's converter. */
    record Value(WireReader value) implements JsReply {
    }

    /** The script evaluated to a function, which the pool calls with {@link JsWorkerPool#call}. */
    record Function() implements JsReply {
    }
}
