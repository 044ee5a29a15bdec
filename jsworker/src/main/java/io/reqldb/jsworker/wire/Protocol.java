package io.reqldb.jsworker.wire;

/**
 * The framed protocol between the server and a worker process, over the worker's standard input
 * (requests) and standard output (replies). Every frame is a 4-byte big-endian length, then that
 * many bytes: the first is the request's operation or the reply's status.
 *
 * <pre>
 * request  EVAL  timeoutMs:long source:string
 *          CALL  timeoutMs:long source:string argc:int value*argc   (source evaluated to a function)
 * reply    VALUE value | FUNCTION | ERROR message:string | TIMEOUT
 *          | READY   (sent once, unasked, when the worker has started)
 * value    NULL | FALSE | TRUE | NUMBER double | STRING string | ARRAY n:int value*n
 *          | OBJECT n:int (key:string value)*n | TIME epochMillis:double
 * string   n:int, n bytes of UTF-8
 * </pre>
 *
 * One request at a time: a worker answers each request before reading the next.
 */
public final class Protocol {
    public static final byte EVAL = 1;
    public static final byte CALL = 2;

    public static final byte VALUE = 1;
    public static final byte FUNCTION = 2;
    public static final byte ERROR = 3;
    public static final byte TIMEOUT = 4;
    public static final byte READY = 5;

    public static final byte NULL = 0;
    public static final byte FALSE = 1;
    public static final byte TRUE = 2;
    public static final byte NUMBER = 3;
    public static final byte STRING = 4;
    public static final byte ARRAY = 5;
    public static final byte OBJECT = 6;
    public static final byte TIME = 7;

    private Protocol() {
    }
}
