package io.reqldb.storage;

/** What {@code table_create} asks for. */
public record TableOptions(String primaryKey, Durability durability) {
    public static final TableOptions DEFAULT = new TableOptions("id", Durability.HARD);
}
