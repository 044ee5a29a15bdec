package io.reqldb.query.system;

import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.error.ReqlPermissionError;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * RethinkDB's users and their permissions, as {@code rethinkdb.users}, {@code rethinkdb.permissions}
 * and {@code r.grant} see them. Passwords are kept as RethinkDB keeps them: salt, PBKDF2 iteration
 * count and SaltedPassword (what SCRAM-SHA-256 needs). Held in memory; {@code admin} always exists.
 */
public final class Users {
    public static final String ADMIN = "admin";
    private static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored password; {@code saltedPassword} is PBKDF2-HMAC-SHA256(password, salt, iterations). */
    public record Password(byte[] salt, int iterations, byte[] saltedPassword) {
    }

    /** Where a permission applies: everywhere, a database, or a table (ids null above the scope). */
    public record Scope(UUID db, UUID table) {
        public static final Scope GLOBAL = new Scope(null, null);

        boolean global() {
            return db == null;
        }
    }

    /** Users by name: their password (an empty Optional for none). */
    private final TreeMap<String, Optional<Password>> users = new TreeMap<>();
    /** What SCRAM checks for users without a password: the hash of the empty password. */
    private final TreeMap<String, Password> emptyPasswords = new TreeMap<>();
    private final TreeMap<String, Map<Scope, TreeMap<String, Boolean>>> permissions = new TreeMap<>();

    /** Where changes are saved (null: kept in memory only). */
    private SettingsStore persist;

    public Users() {
        users.put(ADMIN, Optional.empty());
    }

    /** Loads saved users and saves every later change. */
    synchronized void attach(SettingsStore store) {
        store.loadUsers(this);
        this.persist = store;
    }

    synchronized void restoreUser(String name, Optional<Password> password) {
        users.put(name, password);
    }

    synchronized void restorePermissions(String user, Scope scope, Datum perms) {
        TreeMap<String, Boolean> p = new TreeMap<>();
        if (perms instanceof ObjectDatum o) {
            o.fields().forEach((k, v) -> p.put(k, ((BoolDatum) v).value()));
        }
        permissions.computeIfAbsent(user, u -> new java.util.HashMap<>()).put(scope, p);
    }

    private void saved(String user) {
        if (persist != null && users.containsKey(user)) {
            persist.saveUser(user, users.get(user));
        }
    }

    private void savedPermissions(String user, Scope scope) {
        if (persist != null) {
            persist.savePermissions(user, scope, permissionsDatum(user, scope));
        }
    }

    public synchronized boolean exists(String user) {
        return users.containsKey(user);
    }

    public synchronized List<String> names() {
        return new ArrayList<>(users.keySet());
    }

    /** The stored password of a user: empty optional for "no password", null for no such user. */
    public synchronized Optional<Password> password(String user) {
        return users.get(user);
    }

    /**
     * What the handshake verifies a user against: the salted password, the empty password's for
     * users without one; empty when there is no such user.
     */
    public synchronized Optional<Password> credentials(String user) {
        Optional<Password> p = users.get(user);
        if (p == null) {
            return Optional.empty();
        }
        if (p.isPresent()) {
            return p;
        }
        return Optional.of(emptyPasswords.computeIfAbsent(user, u -> hash("")));
    }

    /** Sets a user's password (empty for none), creating the user. */
    public synchronized void setPassword(String user, String password) {
        users.put(user, password.isEmpty() ? Optional.empty() : Optional.of(hash(password)));
        emptyPasswords.remove(user);
        saved(user);
    }

    /**
     * Creates (or replaces) a user with a password already hashed elsewhere — a RethinkDB data
     * directory being migrated keeps the same salt, iteration count and salted password, so the
     * user's password keeps working unchanged. Empty for no password.
     */
    public synchronized void importUser(String user, Optional<Password> password) {
        users.put(user, password);
        emptyPasswords.remove(user);
        saved(user);
    }

    /** Whether the user has a password ({@code users} shows {@code password: true}). */
    public synchronized boolean hasPassword(String user) {
        Optional<Password> p = users.get(user);
        return p != null && p.isPresent();
    }

    /** Creates or changes a user from a {@code rethinkdb.users} row: {id, password}. */
    public synchronized void put(ObjectDatum row) {
        Datum id = row.get("id");
        Datum password = row.get("password");
        if (id == null) {
            throw new ReqlOpFailedError("Expected a field named `id`.");
        }
        if (password == null) {
            throw new ReqlOpFailedError("Expected a field named `password`.");
        }
        if (row.size() != 2) {
            TreeSet<String> keys = new TreeSet<>(row.fields().keySet());
            keys.remove("id");
            keys.remove("password");
            throw new ReqlOpFailedError("Unexpected key(s) `" + String.join("`, `", keys) + "`.");
        }
        String name = ((StringDatum) id).value();
        if (password instanceof StringDatum s) {
            users.put(name, s.value().isEmpty() ? Optional.empty() : Optional.of(hash(s.value())));
        } else if (password instanceof ObjectDatum o && password.type() == io.reqldb.datum.DatumType.OBJECT) {
            users.put(name, withIterations(o));
        } else if (password instanceof BoolDatum b) {
            if (b.value()) {
                Optional<Password> current = users.get(name);
                if (current == null || current.isEmpty()) {
                    throw new ReqlOpFailedError("Expected an object or string to set the password, or `false` to "
                            + "keep it unset, got " + DatumPrinter.print(password) + ".");
                }
            } else {
                users.put(name, Optional.empty());
            }
        } else {
            throw new ReqlOpFailedError("Expected an object, string or boolean for `password`, got "
                    + DatumPrinter.print(password) + ".");
        }
        saved(name);
    }

    /** A password given as {@code {password, iterations}} (RethinkDB's per-user PBKDF2 cost). */
    private static Optional<Password> withIterations(ObjectDatum o) {
        TreeSet<String> keys = new TreeSet<>(o.fields().keySet());
        Datum iterations = o.get("iterations");
        if (iterations == null) {
            throw new ReqlOpFailedError("Expected a field named `iterations`.");
        }
        if (!(iterations instanceof io.reqldb.datum.NumberDatum n) || n.value() < 1 || n.value() != Math.rint(n.value())
                || n.value() > Integer.MAX_VALUE) {
            throw new ReqlOpFailedError("Expected `iterations` to be an integer greater than zero, got "
                    + DatumPrinter.print(iterations) + ".");
        }
        keys.remove("iterations");
        Datum password = o.get("password");
        if (password == null) {
            throw new ReqlOpFailedError("Expected a field named `password`.");
        }
        if (!(password instanceof StringDatum text)) {
            throw new ReqlOpFailedError("Expected `password` to be a string, got " + DatumPrinter.print(password) + ".");
        }
        keys.remove("password");
        if (!keys.isEmpty()) {
            throw new ReqlOpFailedError("Unexpected key(s) `" + String.join("`, `", keys) + "`.");
        }
        return text.value().isEmpty() ? Optional.empty() : Optional.of(hash(text.value(), (int) n.value()));
    }

    public synchronized void delete(String user) {
        users.remove(user);
        emptyPasswords.remove(user);
        permissions.remove(user);
        if (persist != null) {
            persist.deleteUser(user);
        }
    }

    private static Password hash(String password) {
        return hash(password, ITERATIONS);
    }

    private static Password hash(String password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            return new Password(salt, iterations, salted);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ----------------------------------------------------------------- permissions

    /** The permissions object at a scope ({read, write, config, connect} with set ones only), or NullDatum. */
    public synchronized Datum permissionsDatum(String user, Scope scope) {
        if (ADMIN.equals(user) && scope.global()) {
            return toDatum(adminPermissions());
        }
        Map<Scope, TreeMap<String, Boolean>> byScope = permissions.get(user);
        TreeMap<String, Boolean> p = byScope == null ? null : byScope.get(scope);
        return p == null || p.isEmpty() ? NullDatum.INSTANCE : toDatum(p);
    }

    private static TreeMap<String, Boolean> adminPermissions() {
        TreeMap<String, Boolean> all = new TreeMap<>();
        for (String k : List.of("config", "connect", "read", "write")) {
            all.put(k, true);
        }
        return all;
    }

    private static ObjectDatum toDatum(TreeMap<String, Boolean> p) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        p.forEach((k, v) -> m.put(k, BoolDatum.of(v)));
        return ObjectDatum.wrap(m);
    }

    /** Applies a grant: merges {@code changes} (booleans set, nulls clear); returns {old, new}. */
    public synchronized Datum[] grant(String user, Scope scope, Datum changes) {
        checkModifiable(user);
        if (!users.containsKey(user)) {
            throw new ReqlOpFailedError("User `" + user + "` not found.");
        }
        Datum old = permissionsDatum(user, scope);
        putPermissions(user, scope, merged(old, changes, scope.global()));
        return new Datum[] {old, permissionsDatum(user, scope)};
    }

    /** Replaces the permissions at a scope (a {@code rethinkdb.permissions} write); null clears. */
    public synchronized void setPermissions(String user, Scope scope, Datum perms) {
        checkModifiable(user);
        putPermissions(user, scope, perms == null ? new TreeMap<>() : merged(NullDatum.INSTANCE, perms, scope.global()));
    }

    private static void checkModifiable(String user) {
        if (ADMIN.equals(user)) {
            throw new ReqlOpFailedError("The permissions of the user `" + user + "` can't be modified.");
        }
    }

    /** Sets a user's permissions at a scope (none left: the scope's entry goes) and saves them. */
    private void putPermissions(String user, Scope scope, TreeMap<String, Boolean> next) {
        Map<Scope, TreeMap<String, Boolean>> byScope = permissions.computeIfAbsent(user, u -> new HashMap<>());
        if (next.isEmpty()) {
            byScope.remove(scope);
        } else {
            byScope.put(scope, next);
        }
        savedPermissions(user, scope);
    }

    private static TreeMap<String, Boolean> merged(Datum old, Datum changes, boolean global) {
        if (!(changes instanceof ObjectDatum c) || changes.type() != io.reqldb.datum.DatumType.OBJECT) {
            throw new ReqlOpFailedError("Expected an object, got " + DatumPrinter.print(changes) + ".");
        }
        TreeMap<String, Boolean> out = new TreeMap<>();
        if (old instanceof ObjectDatum o) {
            o.fields().forEach((k, v) -> out.put(k, ((BoolDatum) v).value()));
        }
        TreeSet<String> keys = new TreeSet<>(c.fields().keySet());
        for (String field : List.of("read", "write", "config", "connect")) {
            Datum v = c.get(field);
            if (v == null) {
                continue;
            }
            if (field.equals("connect") && !global) {
                throw new ReqlOpFailedError("The `connect` permission is only valid at the global scope.");
            }
            keys.remove(field);
            if (v instanceof BoolDatum b) {
                out.put(field, b.value());
            } else if (v == NullDatum.INSTANCE) {
                out.remove(field);
            } else {
                throw new ReqlOpFailedError("Expected a boolean or null for `" + field + "`, got "
                        + DatumPrinter.print(v) + ".");
            }
        }
        if (!keys.isEmpty()) {
            throw new ReqlOpFailedError("Unexpected key(s) `" + String.join("`, `", keys) + "`.");
        }
        return out;
    }

    /** Every (user, scope, permissions) entry, admin's global one included. */
    public synchronized List<Map.Entry<String, Map.Entry<Scope, Datum>>> allPermissions() {
        List<Map.Entry<String, Map.Entry<Scope, Datum>>> out = new ArrayList<>();
        out.add(Map.entry(ADMIN, Map.entry(Scope.GLOBAL, toDatum(adminPermissions()))));
        permissions.forEach((user, byScope) -> byScope.forEach((scope, p) -> {
            if (!p.isEmpty()) {
                out.add(Map.entry(user, Map.entry(scope, toDatum(p))));
            }
        }));
        return out;
    }

    /**
     * Whether {@code user} holds {@code permission} where RethinkDB 2.4 looks for it: the table's
     * setting if it has one, else the database's, else the global one; {@code null} at a scope
     * means "inherit". The {@code rethinkdb} database does not inherit global settings, and
     * {@code connect} exists only globally. {@code db} and {@code table} may be null (a database-
     * or global-scope check). admin holds everything.
     */
    public synchronized boolean holds(String user, String permission, UUID db, UUID table) {
        if (ADMIN.equals(user)) {
            return true;
        }
        Map<Scope, TreeMap<String, Boolean>> byScope = permissions.getOrDefault(user, Map.of());
        Boolean v = null;
        if (table != null) {
            v = get(byScope, new Scope(db, table), permission);
        }
        if (v == null && db != null) {
            v = get(byScope, new Scope(db, null), permission);
        }
        if (v == null && !SystemTable.SYSTEM_DB_ID.equals(db)) {
            v = get(byScope, Scope.GLOBAL, permission);
        }
        return v != null && v;
    }

    /**
     * Fails with RethinkDB's permission error unless {@code user} holds {@code permission} for
     * the scope. As in RethinkDB (since its issue 5599), {@code write} needs {@code read} too: a
     * write's answer can show the documents it touched.
     */
    public void require(String user, String permission, UUID db, UUID table) {
        boolean ok = permission.equals("write")
                ? holds(user, "read", db, table) && holds(user, "write", db, table)
                : holds(user, permission, db, table);
        if (!ok) {
            throw refusal(user, permission);
        }
    }

    /** RethinkDB's text for a refused operation. */
    public static ReqlPermissionError refusal(String user, String permission) {
        return new ReqlPermissionError("User `" + user + "` does not have the required `" + permission
                + "` permission.");
    }

    private static Boolean get(Map<Scope, TreeMap<String, Boolean>> byScope, Scope s, String permission) {
        TreeMap<String, Boolean> p = byScope.get(s);
        return p == null ? null : p.get(permission);
    }
}
