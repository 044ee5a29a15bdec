package io.reqldb.tools.rebuild;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.gen.ast.Table;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import io.reqldb.tools.conn.WireValue;
import io.reqldb.tools.export.TableRef;
import io.reqldb.tools.progress.ProgressTask;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds secondary indexes without taking them away from readers, as the official
 * index-rebuild does: build {@code $reql_temp_index$_<name>} from the index's own function,
 * poll until it is ready, then {@code index_rename(tmp, name, overwrite=true)}, which swaps it
 * in atomically. Leftover temporary indexes from a killed run are dropped first (the official
 * tool crashes on them instead).
 */
public final class IndexRebuilder {
    /** Prefix of the temporary index names. */
    public static final String TEMP_PREFIX = "$reql_temp_index$_";
    private static final long POLL_MS = 100;

    /** One index to rebuild. */
    public record Item(TableRef table, String index) {
        @Override
        public String toString() {
            return "`" + table + ":" + index + "`";
        }
    }

    private final Connection conn;

    public IndexRebuilder(Connection conn) {
        this.conn = conn;
    }

    /** Drops leftovers, then lists outdated indexes (all indexes with {@code all}). */
    public List<Item> plan(List<TableRef> tables, boolean all) {
        List<Item> items = new ArrayList<>();
        for (TableRef ref : tables) {
            Table table = r.db(ref.db()).table(ref.table());
            @SuppressWarnings("unchecked")
            List<Object> names = (List<Object>) table.indexList().run(conn).single();
            for (Object name : names) {
                if (String.valueOf(name).startsWith(TEMP_PREFIX)) {
                    table.indexDrop(name).run(conn);
                }
            }
            Object selected = all
                    ? table.indexStatus().g("index").run(conn).single()
                    : table.indexStatus().filter(r.hashMap("outdated", true)).g("index").run(conn).single();
            for (Object name : (List<?>) selected) {
                items.add(new Item(ref, String.valueOf(name)));
            }
        }
        return items;
    }

    /** Rebuilds the items, {@code concurrency} at a time; {@code task} counts finished indexes. */
    public void rebuild(List<Item> items, int concurrency, ProgressTask task) throws InterruptedException {
        Deque<Item> waiting = new ArrayDeque<>(items);
        List<Item> running = new ArrayList<>();
        while (!waiting.isEmpty() || !running.isEmpty()) {
            while (running.size() < concurrency && !waiting.isEmpty()) {
                Item item = waiting.pollLast();
                start(item);
                running.add(item);
            }
            for (Item item : new ArrayList<>(running)) {
                if (ready(item)) {
                    table(item).indexRename(TEMP_PREFIX + item.index(), item.index()).optArg("overwrite", true).run(conn);
                    running.remove(item);
                    task.advance(1);
                }
            }
            Thread.sleep(POLL_MS);
        }
    }

    private void start(Item item) {
        Table table = table(item);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> status = (List<Map<String, Object>>) table.indexStatus().pluck("index", "function")
                .run(conn, new OptArgs().with("binary_format", "raw")).single();
        Map<String, Object> own = status.stream().filter(s -> item.index().equals(s.get("index"))).findFirst()
                .orElseThrow(() -> new IllegalStateException(item.index() + " is not part of existing indexes "
                        + status.stream().map(s -> s.get("index")).toList()));
        if (status.stream().noneMatch(s -> (TEMP_PREFIX + item.index()).equals(s.get("index")))) {
            table.indexCreate(TEMP_PREFIX + item.index(), new WireValue(own.get("function"))).run(conn);
        }
    }

    private boolean ready(Item item) {
        Map<?, ?> status = (Map<?, ?>) table(item).indexStatus(TEMP_PREFIX + item.index()).nth(0).run(conn).single();
        return Boolean.TRUE.equals(status.get("ready"));
    }

    private static Table table(Item item) {
        return r.db(item.table().db()).table(item.table().table());
    }
}
