package io.reqldb.datum;

import java.math.BigInteger;

/**
 * The decimal digits RethinkDB writes for a double: Florian Loitsch's Grisu2, as in the rapidjson
 * that RethinkDB 2.4 serializes JSON with. Grisu2 always reads back to the same double but, unlike
 * a shortest-digits algorithm (Schubfach, Ryu), its last digit is sometimes not the closest one
 * (RethinkDB prints 40007862.917250897 where the shortest closest form is 40007862.917250894), and
 * that text is what {@code coerce_to('STRING')}, {@code to_json_string} and error messages show.
 *
 * <p>All 64-bit quantities are unsigned, as in the algorithm; comparisons say so explicitly.
 * Public for the dump, which turns these digits into Python's repr without printing them first.
 */
public final class Grisu2 {
    /** 10^-348, 10^-340, ..., 10^340 as normalized 64-bit significands with binary exponents. */
    private static final long[] CACHED_F = new long[87];
    private static final int[] CACHED_E = new int[87];
    private static final int[] POW10 = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

    static {
        for (int i = 0; i < CACHED_F.length; i++) {
            cachePower(i, -348 + 8 * i);
        }
    }

    /** The digits and the decimal exponent: the value is {@code digits × 10^exponent}. */
    public record Decimal(char[] digits, int length, int exponent) {
    }

    private Grisu2() {
    }

    /** Digits of a finite, positive double. */
    public static Decimal digits(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int biasedE = (int) ((bits >>> 52) & 0x7FF);
        long f = bits & 0x000FFFFFFFFFFFFFL;
        int e;
        if (biasedE != 0) {
            f += 1L << 52;
            e = biasedE - 1075;
        } else {
            e = -1074;
        }
        // The boundaries halfway to the neighbouring doubles, normalized to the upper one's exponent.
        long plusF = (f << 1) + 1;
        int plusE = e - 1;
        while ((plusF & (1L << 53)) == 0) {
            plusF <<= 1;
            plusE--;
        }
        plusF <<= 10;
        plusE -= 10;
        long minusF;
        int minusE;
        if (f == 1L << 52) {
            minusF = (f << 2) - 1;
            minusE = e - 2;
        } else {
            minusF = (f << 1) - 1;
            minusE = e - 1;
        }
        minusF <<= minusE - plusE;

        int index = cachedPowerIndex(plusE);
        int k = -(-348 + (index << 3));
        long cF = CACHED_F[index];
        int cE = CACHED_E[index];
        int shift = Long.numberOfLeadingZeros(f);
        long wF = multiply(f << shift, cF);
        long wpF = multiply(plusF, cF) - 1;
        int wpE = plusE + cE + 64;
        long wmF = multiply(minusF, cF) + 1;
        return digitGen(wF, wpF, wpE, wpF - wmF, k);
    }

    private static int cachedPowerIndex(int e) {
        double dk = (-61 - e) * 0.30102999566398114 + 347;
        int k = (int) dk;
        if (k != dk) {
            k++;
        }
        return (k >> 3) + 1;
    }

    /** Generates digits of Mp until they are within delta of it, then rounds the last one towards W. */
    private static Decimal digitGen(long wF, long mpF, int mpE, long delta, int k) {
        char[] buffer = new char[20];
        int oneShift = -mpE;
        long oneF = 1L << oneShift;
        long wpW = mpF - wF; // W and Mp have the same exponent: both are normalized from the same double
        int p1 = (int) (mpF >>> oneShift);
        long p2 = mpF & (oneF - 1);
        int kappa = decimalDigits(p1);
        int len = 0;
        while (kappa > 0) {
            int pow = POW10[kappa - 1];
            int d = Integer.divideUnsigned(p1, pow);
            p1 = Integer.remainderUnsigned(p1, pow);
            if (d != 0 || len != 0) {
                buffer[len++] = (char) ('0' + d);
            }
            kappa--;
            long tmp = ((p1 & 0xFFFFFFFFL) << oneShift) + p2;
            if (Long.compareUnsigned(tmp, delta) <= 0) {
                round(buffer, len, delta, tmp, (long) POW10[kappa] << oneShift, wpW);
                return new Decimal(buffer, len, k + kappa);
            }
        }
        for (;;) {
            p2 *= 10;
            delta *= 10;
            int d = (int) (p2 >>> oneShift);
            if (d != 0 || len != 0) {
                buffer[len++] = (char) ('0' + d);
            }
            p2 &= oneF - 1;
            kappa--;
            if (Long.compareUnsigned(p2, delta) < 0) {
                // rapidjson reads its ten-entry power table past the end when more than nine fraction
                // digits were generated; RethinkDB's builds read a value that stops the rounding there
                // (its 40007862.917250897 shows it), so those digits stay as generated.
                round(buffer, len, delta, p2, oneF, -kappa < POW10.length ? wpW * POW10[-kappa] : 0);
                return new Decimal(buffer, len, k + kappa);
            }
        }
    }

    /** Moves the last digit towards the exact value while the result stays within the safe interval. */
    private static void round(char[] buffer, int len, long delta, long rest, long tenKappa, long wpW) {
        while (Long.compareUnsigned(rest, wpW) < 0
                && Long.compareUnsigned(delta - rest, tenKappa) >= 0
                && (Long.compareUnsigned(rest + tenKappa, wpW) < 0
                    || Long.compareUnsigned(wpW - rest, rest + tenKappa - wpW) > 0)) {
            buffer[len - 1]--;
            rest += tenKappa;
        }
    }

    private static int decimalDigits(int n) {
        int digits = 1;
        for (int limit = 10; digits < 10 && Integer.compareUnsigned(n, limit) >= 0; limit *= 10) {
            digits++;
        }
        return digits;
    }

    /** The upper 64 bits of the 128-bit product, rounded half up on the lower half, as rapidjson does. */
    private static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
        long low = a * b;
        return (low & (1L << 63)) != 0 ? high + 1 : high;
    }

    /** 10^exp rounded to the nearest 64-bit significand with its top bit set. */
    private static void cachePower(int index, int exp) {
        BigInteger ten = BigInteger.TEN.pow(Math.abs(exp));
        int binaryExp;
        BigInteger significand;
        if (exp >= 0) {
            binaryExp = ten.bitLength() - 64;
            significand = roundedShift(ten, binaryExp);
        } else {
            // 2^s / 10^|exp| with s chosen so that the quotient has 64 bits.
            int s = ten.bitLength() + 63;
            BigInteger[] qr = BigInteger.ONE.shiftLeft(s).divideAndRemainder(ten);
            significand = qr[0];
            if (significand.bitLength() < 64) {
                s++;
                qr = BigInteger.ONE.shiftLeft(s).divideAndRemainder(ten);
                significand = qr[0];
            }
            if (qr[1].shiftLeft(1).compareTo(ten) >= 0) {
                significand = significand.add(BigInteger.ONE);
            }
            binaryExp = -s;
        }
        CACHED_F[index] = significand.longValue();
        CACHED_E[index] = binaryExp;
    }

    private static BigInteger roundedShift(BigInteger x, int shift) {
        if (shift <= 0) {
            return x.shiftLeft(-shift);
        }
        BigInteger q = x.shiftRight(shift);
        return x.testBit(shift - 1) ? q.add(BigInteger.ONE) : q;
    }
}
