package io.reqldb.server.wire;

import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * The NUL-terminated JSON messages of the V1_0 handshake. Keys come out sorted, as RethinkDB's
 * object builder writes them.
 */
public final class HandshakeMessages {
    /** RethinkDB reads at most this many bytes, NUL included, for one client message. */
    public static final int MAX_CLIENT_MESSAGE_BYTES = 2048;

    private HandshakeMessages() {
    }

    /** The server's first message, sent as soon as the magic number checks out. */
    public static byte[] serverHello(String serverVersion) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("success", BoolDatum.TRUE);
        m.put("min_protocol_version", NumberDatum.of(0));
        m.put("max_protocol_version", NumberDatum.of(0));
        m.put("server_version", new StringDatum(serverVersion));
        return terminated(ObjectDatum.wrap(m));
    }

    /** A successful SCRAM step carrying the server's next SCRAM message. */
    public static byte[] authentication(String scramMessage) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("success", BoolDatum.TRUE);
        m.put("authentication", new StringDatum(scramMessage));
        return terminated(ObjectDatum.wrap(m));
    }

    /** The failure message after which the server closes the connection. */
    public static byte[] failure(String error, int errorCode) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("success", BoolDatum.FALSE);
        m.put("error", new StringDatum(error));
        m.put("error_code", NumberDatum.of(errorCode));
        return terminated(ObjectDatum.wrap(m));
    }

    /** The legacy (V0_3, V0_4) failure text: {@code ERROR: message\n} and a NUL. */
    public static byte[] legacyFailure(String error) {
        return ("ERROR: " + error + "\n\0").getBytes(StandardCharsets.UTF_8);
    }

    /** The legacy handshake's success text. */
    public static byte[] legacySuccess() {
        return "SUCCESS\0".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] terminated(ObjectDatum message) {
        return (DatumJson.write(message) + "\0").getBytes(StandardCharsets.UTF_8);
    }
}
