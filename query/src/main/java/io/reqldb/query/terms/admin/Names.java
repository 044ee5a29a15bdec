package io.reqldb.query.terms.admin;

import io.reqldb.query.error.ReqlQueryLogicError;

/** RethinkDB's rule for database, table and server-tag names: A-Z, a-z, 0-9, _ and -, not empty. */
public final class Names {
    private Names() {
    }

    public static String check(String name, String kind) {
        boolean ok = !name.isEmpty();
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }
        if (!ok) {
            throw new ReqlQueryLogicError(kind + " name `" + name + "` invalid (Use A-Z, a-z, 0-9, _ and - only).");
        }
        return name;
    }
}
