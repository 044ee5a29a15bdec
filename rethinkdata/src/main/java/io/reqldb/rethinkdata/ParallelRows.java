package io.reqldb.rethinkdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A table's rows spelt out on several threads and handed over in primary-key order on the
 * caller's. Reading a row (its B-tree leaf and blob blocks, its datum) and spelling it out is
 * nearly all the work of a dump, and a table's file is eight stores, each a B-tree of its own
 * keys: each store's rows are spelt on {@code pool}, a chunk of about {@value #CHUNK} bytes per
 * task, while the caller merges the chunks by key and copies each row's text on. A store has at
 * most one chunk being spelt besides the one being merged, so memory is about two chunks a store
 * whatever the table's size; a store's cursor is only ever used by one task at a time.
 */
public final class ParallelRows {
    /** Bytes of text a task spells before handing them over (its last row may go past). */
    public static final int CHUNK = 1 << 16;

    private ParallelRows() {}

    /** Spells rows into a buffer of its own. */
    public interface Speller {
        /** Where a row is spelt. */
        JsonSink json();

        /** Bytes spelt since the last {@link #take}. */
        int length();

        /** A copy of the bytes spelt since the last take; the buffer starts again empty. */
        byte[] take();
    }

    /** Receives each row's text, {@code text[from..to)}, valid only during the call. */
    public interface RowText {
        void row(byte[] text, int from, int to) throws Exception;
    }

    /**
     * Spells every row of {@code table} with spellers from {@code spellers} (one a store) on
     * {@code pool}, whose threads need deep stacks (a row is walked recursively), and gives the
     * rows to {@code sink} in primary-key order; returns how many. A damaged part of the file fails
     * as {@link TableFile#rows} does, once the rows before it are given.
     */
    public static long rows(TableFile table, Executor pool, Supplier<Speller> spellers, RowText sink) throws Exception {
        List<Store> stores = new ArrayList<>();
        for (int i = 0; i < table.storeCount(); i++) {
            Store s = new Store(table, i, spellers.get(), pool);
            stores.add(s);
            s.request();
        }
        PriorityQueue<Store> heads = new PriorityQueue<>((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        try {
            for (Store s : stores) {
                if (s.advance()) {
                    heads.add(s);
                }
            }
            long rows = 0;
            while (!heads.isEmpty()) {
                Store s = heads.poll();
                sink.row(s.chunk.text, s.start(), s.chunk.ends[s.row]);
                rows++;
                if (s.advance()) {
                    heads.add(s);
                }
            }
            return rows;
        } finally {
            // A task still spelling would read the file after the caller closes it.
            for (Store s : stores) {
                s.settle();
            }
        }
    }

    /** Rows {@code 0..count} of one store: their keys and where each one's text ends. */
    private record Chunk(byte[] text, int[] ends, byte[][] keys, int count, boolean last) {
    }

    private static final class Store {
        private final TableFile table;
        private final int index;
        private final Speller speller;
        private final Executor pool;
        private BtreeCursor cursor;
        private CompletableFuture<Chunk> next;
        private Chunk chunk;
        private int row;

        Store(TableFile table, int index, Speller speller, Executor pool) {
            this.table = table;
            this.index = index;
            this.speller = speller;
            this.pool = pool;
        }

        void request() {
            next = CompletableFuture.supplyAsync(this::spell, pool);
        }

        /** On the pool: the store's next rows, until the chunk is full or the store ends. */
        private Chunk spell() {
            if (cursor == null) {
                cursor = table.open(index);
            }
            List<byte[]> keys = new ArrayList<>();
            int[] ends = new int[64];
            boolean last = false;
            while (speller.length() < CHUNK) {
                if (!table.advance(cursor, index)) {
                    last = true;
                    break;
                }
                table.spell(cursor, speller.json());
                if (keys.size() == ends.length) {
                    ends = Arrays.copyOf(ends, ends.length * 2);
                }
                ends[keys.size()] = speller.length();
                keys.add(cursor.key());
            }
            return new Chunk(speller.take(), ends, keys.toArray(byte[][]::new), keys.size(), last);
        }

        /** Moves to the store's next row; false after its last. */
        boolean advance() throws Exception {
            if (chunk != null && ++row < chunk.count) {
                return true;
            }
            if (chunk != null && chunk.last) {
                return false;
            }
            try {
                chunk = next.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } finally {
                next = null;
            }
            row = 0;
            if (!chunk.last) {
                request();
            }
            return chunk.count > 0;
        }

        byte[] key() {
            return chunk.keys[row];
        }

        int start() {
            return row == 0 ? 0 : chunk.ends[row - 1];
        }

        /** Waits for a task in flight (one chunk at most), whatever its outcome. */
        void settle() {
            if (next != null) {
                try {
                    next.join();
                } catch (RuntimeException ignored) {
                    // the merge is over; its own failure, if any, is the one reported
                }
            }
        }
    }
}
