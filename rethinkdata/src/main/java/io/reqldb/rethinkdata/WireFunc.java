package io.reqldb.rethinkdata;

import io.reqldb.datum.ByteBuilder;

/**
 * Finds the extent of a serialized function ({@code wire_func_t}) so that its bytes can be
 * carried into an {@code index_status} or {@code get_write_hook} blob unchanged. Layout: kind
 * (int8: 0 ReQL, 1 JavaScript). ReQL: the captured scope (varint count of (int64 variable,
 * datum) pairs, the implicit-variable depth (uint32) and, when it is 1, a bool and maybe a
 * datum), the parameters (varint count, int64 each), the body (from 2.2: int32 length and JSON
 * text; before: int32 length and a protobuf {@code Term}), then the backtrace (from 2.1: uint32
 * id; before: int32 length and a protobuf {@code Backtrace}). JavaScript: the source (string),
 * the timeout (uint64), the backtrace as above.
 */
final class WireFunc {
    private WireFunc() {}

    /** Skips the function at the reader's position. */
    static void skip(Serial in, ClusterVersion version) {
        int kind = in.u8();
        if (kind == 0) {
            int vars = in.count();
            ByteBuilder scratch = new ByteBuilder();
            for (int i = 0; i < vars; i++) {
                in.i64();
                DatumText.write(in, scratch.reset());
            }
            int depth = in.i32();
            if (depth == 1 && in.bool()) {
                DatumText.write(in, scratch.reset());
            }
            int params = in.count();
            in.skip(8 * params);
            int body = in.i32();
            in.skip(body);
        } else if (kind == 1) {
            in.string();
            in.i64();
        } else {
            throw new RethinkDataException("function of unknown kind " + kind + " at byte " + (in.position() - 1));
        }
        if (version.code >= ClusterVersion.V2_1.code) {
            in.i32();
        } else {
            in.skip(in.i32());
        }
    }
}
