package io.reqldb.server.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * The few pieces of ASN.1 DER that {@link PemFiles} needs to re-wrap PKCS#1 and SEC1 keys as
 * PKCS#8: writing a sequence, an integer, an object identifier, an octet string, and finding the
 * named curve inside a SEC1 key.
 */
final class Der {
    static final byte[] NULL = {0x05, 0x00};

    private Der() {
    }

    static byte[] sequence(byte[]... items) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] item : items) {
            content.writeBytes(item);
        }
        return tlv(0x30, content.toByteArray());
    }

    static byte[] integer(int value) {
        return tlv(0x02, BigInteger.valueOf(value).toByteArray());
    }

    static byte[] octetString(byte[] value) {
        return tlv(0x04, value);
    }

    /** An object identifier from its dotted form, e.g. "1.2.840.10045.2.1". */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = 1;
            while (arc >> (7 * groups) != 0) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                out.write((int) ((arc >> (7 * g)) & 0x7f) | (g == 0 ? 0 : 0x80));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    /**
     * The named-curve OID (whole, tag included) of a SEC1 {@code ECPrivateKey}: SEQUENCE {
     * version, privateKey, [0] parameters, [1] publicKey }.
     *
     * @throws IllegalArgumentException when the key does not name its curve
     */
    static byte[] sec1CurveOid(byte[] sec1) {
        int[] outer = header(sec1, 0);
        int pos = outer[0];
        int end = pos + outer[1];
        while (pos < end) {
            int tag = sec1[pos] & 0xff;
            int[] h = header(sec1, pos);
            if (tag == 0xa0) {
                int[] inner = header(sec1, h[0]);
                if ((sec1[h[0]] & 0xff) == 0x06) {
                    byte[] oid = new byte[inner[0] - h[0] + inner[1]];
                    System.arraycopy(sec1, h[0], oid, 0, oid.length);
                    return oid;
                }
            }
            pos = h[0] + h[1];
        }
        throw new IllegalArgumentException("an EC private key that does not name its curve");
    }

    /** Where the value of the element at {@code pos} starts, and its length. */
    private static int[] header(byte[] der, int pos) {
        if (pos + 2 > der.length) {
            throw new IllegalArgumentException("a truncated private key");
        }
        int first = der[pos + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {pos + 2, first};
        }
        int count = first & 0x7f;
        if (count > 3 || pos + 2 + count > der.length) {
            throw new IllegalArgumentException("a malformed private key");
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (der[pos + 2 + i] & 0xff);
        }
        if (pos + 2 + count + length > der.length) {
            throw new IllegalArgumentException("a truncated private key");
        }
        return new int[] {pos + 2 + count, length};
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : 3;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
