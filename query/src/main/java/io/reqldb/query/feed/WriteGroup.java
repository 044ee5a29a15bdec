package io.reqldb.query.feed;

import io.reqldb.storage.Table.WriteResult;
import java.util.List;

/**
 * One group of committed writes as storage handed it to a {@link FeedHub}, and a link in the hub's
 * log: each group points to the next one published, so every feed of the table reads the same
 * writes from its own position without the hub copying anything per feed. A group nobody's
 * position precedes any more is garbage.
 */
final class WriteGroup {
    final Write[] writes;
    /** How many writes the hub had published up to and including this group. */
    final long end;
    private volatile WriteGroup next;

    private WriteGroup(Write[] writes, long end) {
        this.writes = writes;
        this.end = end;
    }

    /** The start of a log: no writes, nothing published yet. */
    static WriteGroup origin() {
        return new WriteGroup(new Write[0], 0);
    }

    /** Links the writes after this group and returns their group (one publisher at a time). */
    WriteGroup append(List<WriteResult> changes) {
        Write[] ws = new Write[changes.size()];
        for (int i = 0; i < ws.length; i++) {
            WriteResult c = changes.get(i);
            ws[i] = new Write(c.oldValue(), c.newValue());
        }
        WriteGroup g = new WriteGroup(ws, end + ws.length);
        next = g;
        return g;
    }

    /** The group published after this one, or null while there is none. */
    WriteGroup next() {
        return next;
    }
}
