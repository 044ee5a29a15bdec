package io.reqldb.bench;

import io.reqldb.server.auth.ScramCrypto;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client that speaks the wire protocol itself (V1_0 handshake as admin with the empty password,
 * then query frames), for load generators whose own cost must stay small next to the server's:
 * it sends prepared JSON and hands back response bodies as bytes, parsing nothing. The official
 * driver parses and builds every value, which on a small machine takes the CPU the server needs.
 */
final class RawConnection implements AutoCloseable {
    private static final int V1_0 = 0x34c2bdc3;
    private static final Pattern SERVER_FIRST =
            Pattern.compile("\"authentication\":\"(r=([^,]+),s=([^,]+),i=(\\d+))\"");

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final byte[] header = new byte[12];

    RawConnection(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        out = socket.getOutputStream();
        handshake();
    }

    private void handshake() throws IOException {
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(V1_0).array());
        readNulTerminated();
        String clientFirstBare = "n=admin,r=benchclientnonce";
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
    void send(long token, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(token).putInt(body.length).put(body).array());
        out.flush();
    }

    /** Reads the next response frame's body (its token is not checked: one query at a time). */
    byte[] read() throws IOException {
        in.readFully(header);
        byte[] body = new byte[ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(8)];
        in.readFully(body);
        return body;
    }

    /** The response type, {@code t}, of a body the server wrote ({@code {"t":N,...}}). */
    static int responseType(byte[] body) {
        int t = 0;
        for (int i = 5; i < body.length && body[i] >= '0' && body[i] <= '9'; i++) {
            t = t * 10 + body[i] - '0';
        }
        return t;
    }

    private void writeNulTerminated(String s) throws IOException {
        out.write((s + "\0").getBytes(StandardCharsets.UTF_8));
        out.flush();
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
