package io.reqldb.storage;

/**
 * When a write is acknowledged.
 * <ul>
 *   <li>{@link #HARD}: after the write-ahead log is synced to disk; survives power loss.</li>
 *   <li>{@link #SOFT}: once in the write-ahead log's OS buffers; survives a process crash but can
 *       lose the last writes on power loss.</li>
 * </ul>
 */
public enum Durability {
    HARD,
    SOFT;

    /** "hard" or "soft", as ReQL spells it. */
    public String reqlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
