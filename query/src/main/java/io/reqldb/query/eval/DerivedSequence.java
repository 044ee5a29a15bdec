package io.reqldb.query.eval;

/**
 * A sequence read from one source: it is an array, endless or a feed exactly when its source is,
 * closing it closes the source, and it is a selection on the source's table when its elements
 * are the source's rows ({@code keepsRows}: filter, limit, skip) rather than new values (map).
 */
public abstract class DerivedSequence extends Sequence {
    protected final Sequence source;
    private final boolean keepsRows;

    protected DerivedSequence(Sequence source, boolean keepsRows) {
        this.source = source;
        this.keepsRows = keepsRows;
    }

    @Override
    public TableRef table() {
        return keepsRows ? source.table() : null;
    }

    @Override
    public boolean isArray() {
        return source.isArray();
    }

    @Override
    public boolean isInfinite() {
        return source.isInfinite();
    }

    @Override
    public boolean isFeed() {
        return source.isFeed();
    }

    @Override
    public void close() {
        source.close();
    }
}
