package io.reqldb.server.conn;

import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Who this server is, as SERVER_INFO reports it.
 *
 * @param id   the server's UUID (RethinkDB keeps it in the data directory)
 * @param name the server's name, by default derived from the host name
 */
public record ServerIdentity(UUID id, String name) {

    /** The SERVER_INFO value: {@code {"id":..., "name":..., "proxy":false}}. */
    Datum toDatum() {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("id", new StringDatum(id.toString()));
        m.put("name", new StringDatum(name));
        m.put("proxy", BoolDatum.FALSE);
        return ObjectDatum.wrap(m);
    }
}
