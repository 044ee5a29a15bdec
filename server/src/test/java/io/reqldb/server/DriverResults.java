package io.reqldb.server;

import com.rethinkdb.net.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads driver results in a way that survives two races inside the official Java driver 2.4.4
 * (not in the server), so that tests check the server and not the driver's timing:
 * <ul>
 *   <li>{@code Result.hasNext()} reads "queue empty" and "completed" one after the other, while the
 *       response thread queues the last batch's rows and then marks the result completed; a
 *       consumer caught between the two reads sees no rows and a completed result, and
 *       {@code next()} throws "No more elements." with rows still queued. Asking again is exact:
 *       once completed, the answer no longer changes.</li>
 *   <li>In the lazy and preemptive fetch modes the driver publishes a batch's bookkeeping only after
 *       queueing its rows, so a consumer that drains them first never sends the next CONTINUE and
 *       waits forever. Callers therefore run their queries with {@code FetchMode.AGGRESSIVE}.</li>
 * </ul>
 */
public final class DriverResults {
    private DriverResults() {}

    /** Every remaining row, then closes the result. */
    public static List<Object> drain(Result<Object> result) {
        List<Object> rows = new ArrayList<>();
        try (result) {
            while (result.hasNext()) {
                try {
                    rows.add(result.next());
                } catch (NoSuchElementException completedBeforeRowsWereSeen) {
                    // The first race above: hasNext() now sees the queued rows (or the end).
                }
            }
        }
        return rows;
    }

    /** The next {@code n} rows, for results that go on (feeds, or reads cut short on purpose). */
    public static List<Object> take(Result<Object> result, int n) {
        List<Object> rows = new ArrayList<>();
        while (rows.size() < n) {
            try {
                rows.add(result.next());
            } catch (NoSuchElementException completedBeforeRowsWereSeen) {
                if (!result.hasNext()) {
                    throw completedBeforeRowsWereSeen;
                }
            }
        }
        return rows;
    }
}
