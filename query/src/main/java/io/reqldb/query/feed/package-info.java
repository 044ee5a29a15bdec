/**
 * Changefeeds: {@code changes()} on tables, ranges, single documents and {@code order_by.limit}
 * windows.
 *
 * <p>How it fits together. {@link FeedPlanner} reads the term chain under {@code changes()}
 * (source, then row-wise steps such as {@code filter}/{@code map}/{@code pluck}) and builds one
 * {@link Feed}: {@link TableFeed} (a whole table, rows as stored), {@link RangeFeed},
 * {@link PointFeed} or {@link TopNFeed}. A feed registers with the
 * {@link FeedHub} of its table, which holds the table's single storage subscription and appends
 * each group of committed writes once to a log that all its feeds share ({@link WriteGroup}).
 * A feed's reader ({@link FeedSequence}, served batch by batch by {@link FeedResultStream}) turns
 * the writes after its position into change objects under the feed's own lock, buffers them in a
 * bounded {@link ChangeQueue} and takes them out ({@link TableFeed} needs no queue: it hands
 * out the log's writes themselves, one shared change object per write for all such feeds).
 *
 * <p>Design rules: storage only reports committed writes, so a feed never shows an uncommitted
 * change; per-document order is storage's commit order; each feed buffers at most
 * {@code changefeed_queue_size} changes, then drops them and reports RethinkDB's
 * "Changefeed cache over array size limit" error object, and drops them the same way earlier,
 * once more than {@link FeedHub#MAX_LAG} wait, when the heap is short ({@link HeapPressure}), so
 * stalled readers cannot fill it; closing a feed (STOP, disconnect) wakes its reader at once.
 */
package io.reqldb.query.feed;
