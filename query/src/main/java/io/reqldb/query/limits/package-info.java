/**
 * What bounds a query: a {@link io.reqldb.query.limits.QueryControl} per query, which it can be
 * cancelled through (STOP, disconnect) and which charges the memory it materialises against its
 * budget, and {@link io.reqldb.query.limits.QueryLimits}, the server-wide side that makes those
 * controls, shares one memory pool between them and counts what they did.
 *
 * <p>Why a control is bound to the evaluating thread ({@link QueryControl#bind}) rather than
 * passed everywhere: the loops to stop are in every sequence and every function call, many of them
 * in code that has no query context at hand (an array turned into a stream). The sources every
 * loop reads from ask the thread's control, once every few hundred elements, so ordinary queries
 * pay one field read per element and nothing is allocated.
 */
package io.reqldb.query.limits;
