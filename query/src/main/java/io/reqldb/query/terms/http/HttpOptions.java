package io.reqldb.query.terms.http;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One {@code r.http} request as the optargs describe it (RethinkDB's defaults). */
final class HttpOptions {
    String method = "GET";
    String url;
    /** "auto", "json", "jsonp", "text" or "binary". */
    String resultFormat = "auto";
    ObjectDatum params = ObjectDatum.EMPTY;
    final List<String> headers = new ArrayList<>();
    /** Raw request body, or null. */
    String data;
    /** Form fields of a POST, or null. */
    Map<String, String> form;
    long timeoutMs = 30000;
    long attempts = 5;
    long maxRedirects = 1;
    String authUser;
    String authPass;
    final Map<String, String> cookies = new LinkedHashMap<>();
    /** Whether https certificates and host names are checked ({@code verify}). */
    boolean verify = true;
    /** What the server allows requests to reach and read. */
    HttpAccess access = HttpAccess.STRICT;
    /** The query's array_limit, which arrays in a JSON body must keep to. */
    int arrayLimit = Integer.MAX_VALUE;

    /** The parameters merged with new ones, new taking precedence (for {@code page}). */
    void mergeParams(Datum newParams) {
        java.util.TreeMap<String, Datum> m = params.toMutableMap();
        m.putAll(((ObjectDatum) newParams).fields());
        params = ObjectDatum.wrap(m);
    }
}
