package io.reqldb.server.wire;

import io.reqldb.server.auth.ScramCrypto;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client that speaks the wire protocol itself: the V1_0 handshake as {@code admin} with the
 * empty password, then query frames of prepared JSON out and response bodies back, parsing
 * nothing. For what a driver never sends (malformed frames, unknown tokens, oversized queries),
 * for answers too deep for a driver's JSON parser, and for load generators whose own cost must
 * stay small next to the server's.
 */
public final class RawWireClient implements AutoCloseable {
    private static final Pattern SERVER_FIRST =
            Pattern.compile("\"authentication\":\"(r=([^,]+),s=([^,]+),i=(\\d+))\"");

    /** One response frame, its body as text. */
    public record Frame(long token, String json) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final byte[] header = new byte[12];

    /** Connects and authenticates. */
    public RawWireClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        out = socket.getOutputStream();
        handshake();
    }

    /** Reads fail after {@code millis} without data, instead of waiting for ever (0: wait). */
    public RawWireClient readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        return this;
    }

    private void handshake() throws IOException {
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(ProtocolMagic.V1_0).array());
        readNulTerminated();
        String clientFirstBare = "n=admin,r=rawwireclientnonce";
        writeNulTerminated("{\"protocol_version\":0,\"authentication_method\":\"SCRAM-SHA-256\","
                + "\"authentication\":\"n,," + clientFirstBare + "\"}");
        Matcher m = SERVER_FIRST.matcher(readNulTerminated());
        if (!m.find()) {
            throw new IOException("unexpected server-first message");
        }
        byte[] salted = ScramCrypto.saltedPassword("", Base64.getDecoder().decode(m.group(3)),
                Integer.parseInt(m.group(4)));
        String finalBare = "c=biws,r=" + m.group(2);
        String authMessage = clientFirstBare + "," + m.group(1) + "," + finalBare;
        byte[] clientKey = ScramCrypto.hmac(salted, "Client Key");
        byte[] proof = ScramCrypto.xor(clientKey, ScramCrypto.hmac(ScramCrypto.sha256(clientKey), authMessage));
        writeNulTerminated("{\"authentication\":\"" + finalBare + ",p="
                + Base64.getEncoder().encodeToString(proof) + "\"}");
        String last = readNulTerminated();
        if (!last.contains("\"success\":true")) {
            throw new IOException("handshake failed: " + last);
        }
    }

    /** Sends one query frame. */
    public void send(long token, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        sendRaw(ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(token).putInt(body.length).put(body).array());
    }

    /** Sends bytes as they are: frames cut short, lying sizes, garbage. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next response frame, with its token. */
    public Frame read() throws IOException {
        byte[] body = readBody();
        return new Frame(ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong(0),
                new String(body, StandardCharsets.UTF_8));
    }

    /** The next response frame's body, undecoded (its token is not checked). */
    public byte[] readBody() throws IOException {
        byte[] body = new byte[readHeader()];
        in.readFully(body);
        return body;
    }

    /**
     * Reads the next frame's header and returns its body's length, leaving the body unread: for a
     * client that stops reading in the middle of an answer.
     */
    public int readHeader() throws IOException {
        in.readFully(header);
        return ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
    }

    /** The response type, {@code t}, of a body this server wrote ({@code {"t":N,...}}). */
    public static int responseType(byte[] body) {
        int t = 0;
        for (int i = 5; i < body.length && body[i] >= '0' && body[i] <= '9'; i++) {
            t = t * 10 + body[i] - '0';
        }
        return t;
    }

    /** Whether the server has closed the connection (reads end of stream, or a reset). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    private void writeNulTerminated(String s) throws IOException {
        sendRaw((s + "\0").getBytes(StandardCharsets.UTF_8));
    }

    private String readNulTerminated() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0) {
            buf.write(b);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
