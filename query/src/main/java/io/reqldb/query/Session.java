package io.reqldb.query;

/**
 * The client side of a query: the authenticated user and the connection, whose lifetime bounds
 * the resources its queries hold.
 *
 * @param user         the user name the connection authenticated as
 * @param connectionId a number unique to the connection within this server process
 */
public record Session(String user, long connectionId) {
}
