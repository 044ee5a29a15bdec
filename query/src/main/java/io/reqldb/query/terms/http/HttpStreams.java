package io.reqldb.query.terms.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** The byte streams an HTTP/1.1 response is read through, each bounded so no server can stall or flood it. */
final class HttpStreams {
    /** curl's CURL_MAX_HTTP_HEADER: the longest header line (status line included). */
    private static final int MAX_LINE = 100 * 1024;

    private HttpStreams() {
    }

    /** One CRLF- (or LF-) ended line, bounded. */
    static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed in the response head");
            }
            if (s.length() >= MAX_LINE) {
                throw new IOException("a response header line is too long");
            }
            s.append((char) b);
        }
        int end = s.length();
        return end > 0 && s.charAt(end - 1) == '\r' ? s.substring(0, end - 1) : s.toString();
    }

    /** Socket reads that give up at the deadline, however slowly the bytes trickle in. */
    static final class Deadline extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final byte[] one = new byte[1];

        Deadline(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(HttpWire.millisLeft(deadline));
            try {
                return in.read(b, off, len);
            } catch (SocketTimeoutException e) {
                throw new HttpWire.Timeout();
            }
        }
    }

    /** At most {@code n} bytes of the stream. */
    static final class Limited extends InputStream {
        private final InputStream in;
        private long left;

        Limited(InputStream in, long n) {
            this.in = in;
            this.left = n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("connection closed before the whole body arrived");
            }
            left -= n;
            return n;
        }
    }

    /** A chunked body, its chunk-size lines and trailers skipped. */
    static final class Chunked extends InputStream {
        private final InputStream in;
        private long chunkLeft;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkLeft == 0) {
                String size = line(in);
                int semicolon = size.indexOf(';');
                try {
                    chunkLeft = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size", e);
                }
                if (chunkLeft <= 0) {
                    while (!line(in).isEmpty()) {
                        // trailers: not reported, as curl's header callback would not see them either
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new IOException("connection closed inside a chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0) {
                line(in);
            }
            return n;
        }
    }
}
