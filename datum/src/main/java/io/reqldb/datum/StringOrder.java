package io.reqldb.datum;

import java.util.Comparator;

/** String comparison in code-point order, which equals RethinkDB's byte order of UTF-8. */
public final class StringOrder {
    public static final Comparator<String> CODE_POINT = StringOrder::compare;

    private StringOrder() {
    }

    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // UTF-16 order differs from code-point order only when one side is a surrogate.
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }
}
