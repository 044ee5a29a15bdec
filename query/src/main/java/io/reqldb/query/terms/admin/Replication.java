package io.reqldb.query.terms.admin;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sharding and replication optargs of {@code table_create} and {@code reconfigure}, checked
 * with RethinkDB's messages against a cluster of one server tagged {@code default}.
 */
public record Replication(long shards, Map<String, Long> replicas, String primaryTag, Set<String> nonvoting) {
    private static final String DEFAULT_TAG = "default";
    private static final int SERVERS_IN_DEFAULT = 1;

    /** Parses the optargs; {@code required} makes shards and replicas mandatory (reconfigure). */
    public static Replication parse(Term t, Env env, boolean required) {
        long shards = 1;
        Datum s = t.optargDatum(env, "shards");
        if (s == null && required) {
            throw new ReqlQueryLogicError("Missing required argument `shards`.");
        }
        if (s != null) {
            shards = t.inOptarg("shards", () -> Values.toLong(s));
            if (shards <= 0) {
                throw new ReqlQueryLogicError("Every table must have at least one shard.");
            }
        }
        Datum rep = t.optargDatum(env, "replicas");
        if (rep == null && required) {
            throw new ReqlQueryLogicError("Missing required argument `replicas`.");
        }
        Datum nonvotingD = t.optargDatum(env, "nonvoting_replica_tags");
        Datum primaryD = t.optargDatum(env, "primary_replica_tag");
        String primaryTag = DEFAULT_TAG;
        Map<String, Long> replicas = new TreeMap<>();
        replicas.put(DEFAULT_TAG, 1L);
        if (rep != null) {
            replicas.clear();
            if (rep instanceof ObjectDatum o && rep.type() == io.reqldb.datum.DatumType.OBJECT) {
                if (primaryD == null) {
                    throw new ReqlQueryLogicError("`primary_replica_tag` must be specified when `replicas` is an OBJECT.");
                }
                for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
                    Names.check(e.getKey(), "Server tag");
                    long count = Values.toLong(e.getValue());
                    if (count < 0) {
                        throw new ReqlQueryLogicError("Can't have a negative number of replicas");
                    }
                    replicas.put(e.getKey(), count);
                }
            } else if (rep instanceof NumberDatum) {
                if (primaryD != null) {
                    throw new ReqlQueryLogicError("`replicas` must be an OBJECT if `primary_replica_tag` is specified.");
                }
                if (nonvotingD != null) {
                    throw new ReqlQueryLogicError("`replicas` must be an OBJECT if `nonvoting_replica_tags` is "
                            + "specified.");
                }
                long count = Values.toLong(rep);
                if (count < 0) {
                    throw new ReqlQueryLogicError("Number not an integer (<0): " + DatumPrinter.print(rep));
                }
                replicas.put(DEFAULT_TAG, count);
            } else {
                throw new ReqlQueryLogicError("Expected type OBJECT or NUMBER but found " + rep.typeName() + ":\n"
                        + DatumPrinter.print(rep));
            }
        }
        Set<String> nonvoting = new LinkedHashSet<>();
        if (nonvotingD != null) {
            if (!(nonvotingD instanceof ArrayDatum a)) {
                throw new ReqlQueryLogicError("Expected type ARRAY but found " + nonvotingD.typeName() + ":\n"
                        + DatumPrinter.print(nonvotingD));
            }
            for (Datum tag : a.items()) {
                if (!(tag instanceof StringDatum st)) {
                    throw new ReqlQueryLogicError("Expected type STRING but found " + tag.typeName() + ":\n"
                            + DatumPrinter.print(tag));
                }
                nonvoting.add(Names.check(st.value(), "Server tag"));
            }
        }
        if (primaryD != null) {
            primaryTag = Names.check(t.inOptarg("primary_replica_tag",
                    () -> ((StringDatum) Values.expect(primaryD, io.reqldb.datum.DatumType.STRING)).value()),
                    "Server tag");
        }
        return new Replication(shards, replicas, primaryTag, nonvoting);
    }

    /** RethinkDB's checks of the parameters against the servers (its generate_config). */
    public void validate() {
        long total = replicas.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            throw new ReqlOpFailedError("You must set `replicas` to at least one. `replicas` includes the primary "
                    + "replica; if there are zero replicas, there is nowhere to put the data.");
        }
        if (shards > 64) {
            throw new ReqlOpFailedError("Maximum number of shards is 64.");
        }
        Long primary = replicas.get(primaryTag);
        if (primary == null || primary == 0) {
            throw new ReqlOpFailedError("Can't use server tag `" + primaryTag + "` for primary replicas because you "
                    + "specified no replicas in server tag `" + primaryTag + "`.");
        }
        for (String tag : nonvoting) {
            if (!replicas.containsKey(tag)) {
                throw new ReqlOpFailedError("You specified that the replicas in server tag `" + tag + "` should be "
                        + "non-voting, but you didn't specify a number of replicas in server tag `" + tag + "`.");
            }
        }
        for (Map.Entry<String, Long> e : replicas.entrySet()) {
            if (e.getValue() > 0 && !e.getKey().equals(DEFAULT_TAG)) {
                throw new ReqlOpFailedError("Could not find any servers with server tag `" + e.getKey() + "`.");
            }
        }
        long wanted = replicas.getOrDefault(DEFAULT_TAG, 0L);
        if (wanted > SERVERS_IN_DEFAULT) {
            throw new ReqlOpFailedError("Can't put " + wanted + " replicas on servers with the tag `default` because "
                    + "there are only " + SERVERS_IN_DEFAULT + " servers with the tag `default`. It's impossible to "
                    + "have more replicas of the data than there are servers.");
        }
    }
}
