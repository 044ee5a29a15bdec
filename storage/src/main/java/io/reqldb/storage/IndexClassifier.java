package io.reqldb.storage;

/**
 * Tells a data-directory migration which stored indexes are plain field lookups (what
 * {@code index_create('name')} makes: one field of the document, not multi, not geo). A migration
 * step that changes how index keys are computed converts those in place; every other index keeps
 * its old keys and is reported outdated until rebuilt. Supplied by the query layer, which can
 * read the stored functions; storage alone treats no index as a field lookup.
 */
@FunctionalInterface
public interface IndexClassifier {
    /** Classifies nothing: every index built under an older key version stays outdated. */
    IndexClassifier NONE = definition -> null;

    /** The field the index looks up, or null when it is not a plain field lookup. */
    String plainField(IndexDefinition definition);
}
