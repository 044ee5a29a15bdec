package io.reqldb.server.wire;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.StringDatum;
import java.util.List;

/**
 * One response frame: {@code {"t":type,"e":errtype,"r":[...],"b":backtrace,"p":profile,"n":notes}}.
 *
 * @param token     the token of the query it answers
 * @param type      the response type
 * @param data      the {@code r} array: one value for atoms, a batch for streams, the message for errors
 * @param errorType the {@code e} field, sent only for runtime errors; Java null for none
 * @param backtrace the {@code b} field, present on errors; Java null for none
 * @param profile   the {@code p} field, present when the query asked for a profile; Java null for none
 * @param notes     the {@code n} field, sent with stream responses (possibly empty)
 */
public record Response(long token, ResponseType type, List<Datum> data, Integer errorType,
                       Datum backtrace, Datum profile, List<Integer> notes) {

    public static Response atom(long token, Datum value) {
        return new Response(token, ResponseType.SUCCESS_ATOM, List.of(value), null, null, null, List.of());
    }

    /** A batch of a stream: PARTIAL when more may follow, SEQUENCE for the last one. */
    public static Response batch(long token, boolean last, List<Datum> rows, List<Integer> notes) {
        ResponseType type = last ? ResponseType.SUCCESS_SEQUENCE : ResponseType.SUCCESS_PARTIAL;
        return new Response(token, type, rows, null, null, null, notes);
    }

    /** The empty SUCCESS_SEQUENCE that answers a STOP (and a read cut short by one). */
    public static Response stopped(long token) {
        return batch(token, true, List.of(), List.of());
    }

    public static Response waitComplete(long token) {
        return new Response(token, ResponseType.WAIT_COMPLETE, List.of(), null, null, null, List.of());
    }

    public static Response serverInfo(long token, Datum info) {
        return new Response(token, ResponseType.SERVER_INFO, List.of(info), null, null, null, List.of());
    }

    /** An error with no backtrace frames: client errors and errors raised by the server layer. */
    public static Response error(long token, ResponseType type, Integer errorType, String message) {
        return error(token, type, errorType, message, ArrayDatum.EMPTY);
    }

    public static Response error(long token, ResponseType type, Integer errorType, String message,
                                 Datum backtrace) {
        return new Response(token, type, List.of(new StringDatum(message)), errorType, backtrace, null, List.of());
    }

    /** This response with a {@code p} field. */
    public Response withProfile(Datum newProfile) {
        return new Response(token, type, data, errorType, backtrace, newProfile, notes);
    }
}
