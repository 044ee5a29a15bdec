package io.reqldb.tools.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reqldb.tools.format.FormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Decodes RethinkDB's serialized function blobs, as found (base64, with CRLF every 76 chars) in
 * {@code index_status().function} and {@code get_write_hook().function}. Layout, read from the
 * blobs RethinkDB 2.4.4 produced (all integers little-endian):
 * <pre>
 * index:  "$reql_index_function$" | cluster version (1) | ReQL versions: original, compatible,
 *         checked (1 each) | function | multi (1) | geo (1)
 * hook:   "$reql_write_hook_function$" | function
 * function: header (6) | argument count (1) | argument variable ids (8 each) |
 *         body length (4) | body: the ReQL term as wire JSON with backtrace ids, then NUL |
 *         the body's backtrace id (4)
 * </pre>
 */
public record FunctionBlob(int argumentCount, String body, boolean multi, boolean geo) {
    /** Every index blob starts with this prefix; 21 bytes, so its base64 is stable too. */
    public static final String INDEX_PREFIX = "$reql_index_function$";
    /** Every write-hook blob starts with this prefix. */
    public static final String HOOK_PREFIX = "$reql_write_hook_function$";

    private static final int FUNCTION_HEADER = 6;
    private static final int FUNCTION_TRAILER = 4;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Decodes the {@code {"$reql_type$":"BINARY","data":...}} of an index. */
    public static FunctionBlob decodeIndex(Object binary) throws FormatException {
        ByteBuffer bytes = open(binary, INDEX_PREFIX);
        need(bytes, 4, "version bytes");
        bytes.position(bytes.position() + 4);
        FunctionBlob function = function(bytes);
        need(bytes, 2, "multi and geo flags");
        boolean multi = flag(bytes.get());
        boolean geo = flag(bytes.get());
        end(bytes);
        return new FunctionBlob(function.argumentCount, function.body, multi, geo);
    }

    /** Decodes the {@code function} of a write hook. */
    public static FunctionBlob decodeWriteHook(Object binary) throws FormatException {
        ByteBuffer bytes = open(binary, HOOK_PREFIX);
        FunctionBlob function = function(bytes);
        end(bytes);
        return function;
    }

    private static ByteBuffer open(Object binary, String prefix) throws FormatException {
        if (!(binary instanceof Map<?, ?> map) || !"BINARY".equals(map.get("$reql_type$"))
                || !(map.get("data") instanceof String data)) {
            throw new FormatException("function is not a BINARY pseudo-type");
        }
        byte[] raw;
        try {
            // The MIME decoder skips the CRLFs RethinkDB's encoder inserts.
            raw = Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new FormatException("function data is not valid base64");
        }
        byte[] expected = prefix.getBytes(StandardCharsets.US_ASCII);
        if (raw.length < expected.length
                || !new String(raw, 0, expected.length, StandardCharsets.ISO_8859_1).equals(prefix)) {
            throw new FormatException("function blob does not start with " + prefix);
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        bytes.position(expected.length);
        return bytes;
    }

    private static FunctionBlob function(ByteBuffer bytes) throws FormatException {
        need(bytes, FUNCTION_HEADER + 1, "function header");
        bytes.position(bytes.position() + FUNCTION_HEADER);
        int argc = bytes.get() & 0xff;
        need(bytes, argc * 8L + 4, "function arguments");
        bytes.position(bytes.position() + argc * 8);
        int length = bytes.getInt();
        if (length < 1) {
            throw new FormatException("function body has an impossible length " + length);
        }
        need(bytes, length + (long) FUNCTION_TRAILER, "function body");
        if (bytes.get(bytes.position() + length - 1) != 0) {
            throw new FormatException("function body is not NUL-terminated");
        }
        String body = new String(bytes.array(), bytes.position(), length - 1, StandardCharsets.UTF_8);
        bytes.position(bytes.position() + length + FUNCTION_TRAILER);
        try {
            if (!MAPPER.readTree(body).isArray()) {
                throw new FormatException("function body is not a ReQL term");
            }
        } catch (IOException e) {
            throw new FormatException("function body is not valid JSON");
        }
        return new FunctionBlob(argc, body, false, false);
    }

    private static boolean flag(byte b) throws FormatException {
        if (b != 0 && b != 1) {
            throw new FormatException("function blob has a flag byte that is neither 0 nor 1");
        }
        return b == 1;
    }

    private static void need(ByteBuffer bytes, long n, String what) throws FormatException {
        if (bytes.remaining() < n) {
            throw new FormatException("function blob is truncated in its " + what);
        }
    }

    private static void end(ByteBuffer bytes) throws FormatException {
        if (bytes.hasRemaining()) {
            throw new FormatException("function blob has " + bytes.remaining() + " unexpected trailing bytes");
        }
    }
}
