package io.reqldb.query.terms;

import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.datum.Num;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** RANDOM (integers in [lo, hi), or floats with {@code float: true}) and UUID (v4, or v5 of a string). */
public final class RandomTerms implements TermFamily {
    /** The namespace RethinkDB hashes names under for {@code r.uuid(name)}. */
    private static final UUID NAMESPACE = UUID.fromString("91461c99-f89d-49d2-af96-d8e2e14e9b58");
    private static final double MAX_SAFE = 9007199254740992.0;

    @Override
    public void register(TermRegistry r) {
        r.term(TermType.RANDOM).args(0, 2).optargs("float").notGroupable().body(RandomTerms::random);
        r.term(TermType.UUID).args(0, 1).notGroupable().body((t, env) -> new StringDatum(
                t.argCount() == 0 ? UUID.randomUUID().toString() : nameUuid(t.stringArg(env, 0)).toString()));
    }

    /** A version 5 UUID: SHA-1 of RethinkDB's namespace bytes followed by the UTF-8 name. */
    public static UUID nameUuid(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object random(Term t, Env env) {
        int n = t.argCount();
        boolean useFloat = t.optargBool(env, "float", n == 0);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (useFloat) {
            double lower = 0;
            double upper = 1;
            if (n == 1) {
                upper = t.numberArg(env, 0);
            } else if (n == 2) {
                lower = t.numberArg(env, 0);
                upper = t.numberArg(env, 1);
            }
            boolean scaled = false;
            if ((lower > 0) != (upper > 0) && Math.abs(lower) > Double.MAX_VALUE / 2 - Math.abs(upper)) {
                scaled = true;
                lower /= 4;
                upper /= 4;
            }
            double result = lower + rnd.nextDouble() * (upper - lower);
            if (upper > lower ? result >= upper : result <= upper) {
                result = lower;
            }
            return Num.of(scaled ? result * 4 : result);
        }
        if (n == 0) {
            throw new ReqlQueryLogicError("Generating a random integer requires one or two bounds.");
        }
        long lower = 0;
        long upper;
        if (n == 1) {
            upper = bound(t.numberArg(env, 0), "Upper");
        } else {
            lower = bound(t.numberArg(env, 0), "Lower");
            upper = bound(t.numberArg(env, 1), "Upper");
        }
        if (lower >= upper) {
            throw new ReqlQueryLogicError("Lower bound (" + lower + ") is not less than upper bound (" + upper + ").");
        }
        return Num.of((double) (lower + rnd.nextLong(upper - lower)));
    }

    private static long bound(double v, String which) {
        if (v != Math.rint(v) || Math.abs(v) > MAX_SAFE) {
            throw new ReqlQueryLogicError(which + " bound (" + Values.formatG20(v)
                    + ") could not be safely converted to an integer.");
        }
        return (long) v;
    }

}
