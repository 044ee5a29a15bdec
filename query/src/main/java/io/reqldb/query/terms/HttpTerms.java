package io.reqldb.query.terms;

import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.admin.Permissions;
import io.reqldb.query.terms.http.HttpTerm;

/**
 * {@code r.http}: an HTTP request from the server (Java's HttpClient), with RethinkDB's optargs
 * {@code data}, {@code timeout}, {@code method}, {@code params}, {@code header}, {@code attempts},
 * {@code redirects}, {@code verify}, {@code page}, {@code page_limit}, {@code auth} and
 * {@code result_format}.
 */
public final class HttpTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.HTTP).args(1).optargs("data", "timeout", "method", "params", "header", "attempts", "redirects",
                "verify", "page", "page_limit", "auth", "result_format").body((t, env) -> {
                    // RethinkDB checks `connect` before it looks at any argument.
                    Permissions.requireConnect(env);
                    return HttpTerm.eval(t, env);
                });
    }
}
