package io.reqldb.query.terms.write;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlResourceLimitError;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * RethinkDB's write-result object, accumulated one document at a time: the six counters, the
 * first error, and (by the return_changes mode) the list of changes and the generated keys.
 */
public final class WriteStats {
    /** How {@code return_changes} was given: false, true, or "always". */
    public enum ReturnChanges { NO, YES, ALWAYS }

    private final ReturnChanges returnChanges;
    private long inserted;
    private long deleted;
    private long skipped;
    private long replaced;
    private long unchanged;
    private long errors;
    private String firstError;
    private final List<Datum> changes = new ArrayList<>();
    private final List<Datum> generatedKeys = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private final int arrayLimit;
    private long keysSkipped;

    public WriteStats(ReturnChanges returnChanges) {
        this(returnChanges, 100_000);
    }

    /** {@code arrayLimit}: the query's array_limit, which caps the changes and generated keys lists. */
    public WriteStats(ReturnChanges returnChanges, int arrayLimit) {
        this.returnChanges = returnChanges;
        this.arrayLimit = arrayLimit;
    }

    private void addChange(Datum change) {
        if (changes.size() < arrayLimit) {
            changes.add(change);
        } else {
            warning("Too many changes, array truncated to " + arrayLimit + ".");
        }
    }

    /** Records a successful write of one row; both values NullDatum when absent. */
    public void success(Datum oldVal, Datum newVal) {
        boolean startedEmpty = oldVal == NullDatum.INSTANCE;
        boolean endedEmpty = newVal == NullDatum.INSTANCE;
        boolean changed = !oldVal.equals(newVal);
        if (startedEmpty) {
            if (endedEmpty) {
                skipped++;
            } else {
                inserted++;
            }
        } else if (endedEmpty) {
            deleted++;
        } else if (changed) {
            replaced++;
        } else {
            unchanged++;
        }
        if (returnChanges == ReturnChanges.ALWAYS || (returnChanges == ReturnChanges.YES && changed)) {
            addChange(pair(oldVal, newVal));
        }
    }

    /** Records a failed write of one row: RethinkDB reports {old_val, new_val: old_val, error}. */
    public void error(Datum oldVal, String message) {
        errors++;
        if (firstError == null) {
            firstError = message;
        }
        if (returnChanges == ReturnChanges.ALWAYS) {
            TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
            m.put("old_val", oldVal);
            m.put("new_val", oldVal);
            m.put("error", new StringDatum(message));
            addChange(ObjectDatum.wrap(m));
        }
    }

    public void generatedKey(Datum key) {
        if (generatedKeys.size() < arrayLimit) {
            generatedKeys.add(key);
        } else {
            keysSkipped++;
        }
    }

    public void warning(String message) {
        if (!warnings.contains(message)) {
            warnings.add(message);
        }
    }

    /**
     * RethinkDB's error when a result's warnings would be more than the array limit allows
     * (datum.cc {@code add_warning}, {@code add_warnings}): the writes are done, the result is not.
     */
    public static ReqlResourceLimitError tooManyWarnings(int arrayLimit) {
        return new ReqlResourceLimitError("Warnings would exceed array size limit " + arrayLimit
                + "; increase it to see warnings");
    }

    public long errors() {
        return errors;
    }

    private static Datum pair(Datum oldVal, Datum newVal) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("old_val", oldVal);
        m.put("new_val", newVal);
        return ObjectDatum.wrap(m);
    }

    /** The result object as RethinkDB returns it. */
    public ObjectDatum toDatum() {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("inserted", NumberDatum.of(inserted));
        m.put("deleted", NumberDatum.of(deleted));
        m.put("skipped", NumberDatum.of(skipped));
        m.put("replaced", NumberDatum.of(replaced));
        m.put("unchanged", NumberDatum.of(unchanged));
        m.put("errors", NumberDatum.of(errors));
        if (firstError != null) {
            m.put("first_error", new StringDatum(firstError));
        }
        if (returnChanges != ReturnChanges.NO) {
            m.put("changes", ArrayDatum.wrap(new ArrayList<>(changes)));
        }
        if (!generatedKeys.isEmpty()) {
            m.put("generated_keys", ArrayDatum.wrap(new ArrayList<>(generatedKeys)));
        }
        if (keysSkipped > 0) {
            warning("Too many generated keys (" + (keysSkipped + generatedKeys.size()) + "), array truncated to "
                    + generatedKeys.size() + ".");
        }
        if (warnings.size() > arrayLimit) {
            throw tooManyWarnings(arrayLimit);
        }
        if (!warnings.isEmpty()) {
            List<Datum> w = new ArrayList<>();
            warnings.forEach(s -> w.add(new StringDatum(s)));
            m.put("warnings", ArrayDatum.wrap(w));
        }
        return ObjectDatum.wrap(m);
    }
}
