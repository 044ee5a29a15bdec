package io.reqldb.tools.archive;

/**
 * The CRC-32 of two byte sequences one after the other, from the CRC-32 of each and the length
 * of the second, without the bytes (the method of zlib's {@code crc32_combine}: the first CRC
 * is multiplied by x^(8·length) modulo the CRC polynomial). A gzip stream compressed in pieces
 * on several threads, and in an order other than the final one, needs it for its trailer.
 */
final class Crc32Combine {
    /** The CRC-32 polynomial, bit-reflected. */
    private static final int POLY = 0xedb88320;
    /** X_POW_2N[k] = x^(2^k) modulo the polynomial, reflected. */
    private static final int[] X_POW_2N = new int[32];

    static {
        int p = 1 << 30; // x^1
        X_POW_2N[0] = p;
        for (int k = 1; k < 32; k++) {
            p = multiply(p, p);
            X_POW_2N[k] = p;
        }
    }

    private Crc32Combine() {}

    /** The CRC-32 of A then B, given CRC(A), CRC(B) and the length of B in bytes. */
    static int combine(int crcA, int crcB, long lengthB) {
        return multiply(xPow8n(lengthB), crcA) ^ crcB;
    }

    /** x^(8n) modulo the polynomial: n bytes of shift. */
    private static int xPow8n(long n) {
        int p = 1 << 31; // x^0
        int k = 3; // 8 = 2^3
        while (n != 0) {
            if ((n & 1) != 0) {
                p = multiply(X_POW_2N[k & 31], p);
            }
            n >>>= 1;
            k++;
        }
        return p;
    }

    /** a·b modulo the polynomial, both bit-reflected. */
    private static int multiply(int a, int b) {
        int m = 1 << 31;
        int product = 0;
        while (true) {
            if ((a & m) != 0) {
                product ^= b;
                if ((a & (m - 1)) == 0) {
                    return product;
                }
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
    }
}
