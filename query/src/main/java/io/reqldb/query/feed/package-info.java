/**
 * Changefeeds: {@code changes()} on tables, ranges, single documents and {@code order_by.limit}
 * windows.
 *
 * <p>How it fits together. {@link FeedPlanner} reads the term chain under {@code changes()}
 * (source, then row-wise steps such as {@code filter}/{@code map}/{@code pluck}) and builds one
 * {@link Feed}: {@link RangeFeed}, {@link PointFeed} or {@link TopNFeed}. A feed registers with the
 * {@link FeedHub} of its table, which holds the table's single storage subscription and hands every
 * committed write to each feed on the committing thread. A feed turns writes into change objects
 * under its own lock and buffers them in a bounded {@link ChangeQueue}; the reader
 * ({@link FeedSequence}, served batch by batch by {@link FeedResultStream}) takes them out.
 *
 * <p>Design rules: storage only reports committed writes, so a feed never shows an uncommitted
 * change; per-document order is storage's commit order; each feed buffers at most
 * {@code changefeed_queue_size} changes, then drops them and reports RethinkDB's
 * "Changefeed cache over array size limit" error object; closing a feed (STOP, disconnect) wakes
 * its reader at once.
 */
package io.reqldb.query.feed;
