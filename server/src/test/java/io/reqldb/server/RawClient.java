package io.reqldb.server;

import io.reqldb.server.auth.ScramCrypto;
import io.reqldb.server.wire.ProtocolMagic;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare-socket client for what a driver never sends: malformed frames, unknown tokens, oversized
 * queries. It does the V1_0 handshake as admin with the empty password, then speaks frames.
 */
public final class RawClient implements AutoCloseable {
    private static final Pattern SERVER_FIRST = Pattern.compile("\"authentication\":\"(r=([^,]+),s=([^,]+),i=(\\d+))\"");

    /** One response frame. */
    public record Frame(long token, String json) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        handshake();
    }

    private void handshake() throws IOException {
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(ProtocolMagic.V1_0).array());
        readNulTerminated();
        String clientFirstBare = "n=admin,r=rawclientnonce";
        writeNulTerminated("{\"protocol_version\":0,\"authentication_method\":\"SCRAM-SHA-256\",\"authentication\":\"n,,"
                + clientFirstBare + "\"}");
        Matcher m = SERVER_FIRST.matcher(readNulTerminated());
        if (!m.find()) {
            throw new IOException("unexpected server-first message");
        }
        byte[] salted = ScramCrypto.saltedPassword("", Base64.getDecoder().decode(m.group(3)), Integer.parseInt(m.group(4)));
        String finalBare = "c=biws,r=" + m.group(2);
        String authMessage = clientFirstBare + "," + m.group(1) + "," + finalBare;
        byte[] clientKey = ScramCrypto.hmac(salted, "Client Key");
        byte[] proof = ScramCrypto.xor(clientKey, ScramCrypto.hmac(ScramCrypto.sha256(clientKey), authMessage));
        writeNulTerminated("{\"authentication\":\"" + finalBare + ",p=" + Base64.getEncoder().encodeToString(proof) + "\"}");
        String last = readNulTerminated();
        if (!last.contains("\"success\":true")) {
            throw new IOException("handshake failed: " + last);
        }
    }

    public void send(long token, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        sendRaw(ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(token).putInt(body.length).put(body).array());
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public Frame read() throws IOException {
        byte[] header = new byte[12];
        in.readFully(header);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long token = h.getLong();
        byte[] body = new byte[h.getInt()];
        in.readFully(body);
        return new Frame(token, new String(body, StandardCharsets.UTF_8));
    }

    /** Whether the server has closed the connection (reads end of stream). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true; // reset: also closed
        }
    }

    private void writeNulTerminated(String s) throws IOException {
        out.write((s + "\0").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String readNulTerminated() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        InputStream s = in;
        int b;
        while ((b = s.read()) > 0) {
            buf.write(b);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
