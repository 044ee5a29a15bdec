package io.reqldb.rethinkdata;

import io.reqldb.datum.ByteBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads a serialized function ({@code wire_func_t}) and gives it back in RethinkDB 2.4's layout,
 * the form {@code index_status} and {@code get_write_hook} blobs carry. Layout: kind (int8:
 * 0 ReQL, 1 JavaScript). ReQL: the captured scope (varint count of (int64 variable, datum)
 * pairs, the implicit-variable depth (uint32) and, when it is 1, a bool and maybe a datum), the
 * parameters (varint count, int64 each), the body (from 2.2: int32 length and JSON text with its
 * NUL; before: int32 length and a protobuf {@code Term}), then the backtrace (from 2.1: uint32
 * id; before: int32 length and a protobuf {@code Backtrace}). JavaScript: the source (string),
 * the timeout (uint64), the backtrace as above.
 *
 * <p>From 2.2 the bytes are already 2.4's and are kept unchanged. Older functions are rewritten
 * as RethinkDB 2.4 rewrites them when it reads them ({@code rdb_protocol/wire_func.cc}): the
 * body's protobuf as JSON text ({@link ProtobufTerm}), the backtrace as the empty id 0.
 */
final class WireFunc {
    private WireFunc() {}

    /** The function at the reader's position, in 2.4's layout. */
    static byte[] read(Serial in, ClusterVersion version) {
        int start = in.position();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int kind = in.u8();
        out.write(kind);
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
            int bodyStart = in.position();
            int body = in.i32();
            in.skip(body);
            if (version.termsAreJson()) {
                out.write(in.array(), start + 1, in.position() - start - 1);
            } else {
                out.write(in.array(), start + 1, bodyStart - start - 1);
                byte[] json = ProtobufTerm.toJson(Arrays.copyOfRange(in.array(), bodyStart + 4, in.position()));
                out.writeBytes(le32(json.length + 1));
                out.writeBytes(json);
                out.write(0);
            }
        } else if (kind == 1) {
            int from = in.position();
            in.string();
            in.i64();
            out.write(in.array(), from, in.position() - from);
        } else {
            throw new RethinkDataException("function of unknown kind " + kind + " at byte " + (in.position() - 1));
        }
        if (version.code >= ClusterVersion.V2_1.code) {
            out.writeBytes(le32(in.i32()));
        } else {
            in.skip(in.i32()); // a protobuf Backtrace, which 2.4 drops for the empty id
            out.writeBytes(le32(0));
        }
        return out.toByteArray();
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
