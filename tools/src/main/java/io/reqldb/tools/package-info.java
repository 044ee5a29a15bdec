/**
 * The migration toolkit: {@code dump}, {@code restore}, {@code export}, {@code import},
 * {@code index-rebuild} and {@code verify}, compatible with RethinkDB's official tools
 * (options, messages, exit codes, archive bytes) and a client of any server through the official
 * Java driver, using only ReQL that RethinkDB 2.4 understands.
 *
 * <p>Layout, one direction of dependencies:
 * <ul>
 * <li>{@code format}: the data files (Python-compatible JSON array, NDJSON, CSV) and streaming
 *     row readers; no I/O beyond streams.
 * <li>{@code archive}: tar members, {@code .info} files, the archive reader (any compression)
 *     and the writer that never leaves a half archive.
 * <li>{@code verify}: offline archive checks, including RethinkDB's function blobs.
 * <li>{@code conn}: connection options and the server version gate.
 * <li>{@code export} / {@code importer} / {@code rebuild} / {@code config}: the work, as
 *     libraries; {@code dump} is export into an archive sink and {@code restore} is import fed
 *     from archive members.
 * <li>{@code cli}: thin picocli commands; all validation and every failure go through one path
 *     ({@code ToolCommand}) that prints one message and returns 2 (options, connecting) or 1.
 * </ul>
 *
 * <p>Memory is bounded by batch size, never table size: cursors fetch one batch ahead, writers
 * share a queue of {@code 3 × clients} batches, archives are streamed.
 *
 * <p>Tests: byte-for-byte comparisons with files the official tools wrote (shared fixtures),
 * archive and command-line tests without a server, and live tests ({@code live} package) that
 * run the commands against a server they start, or the one named by
 * {@code REQLDB_TEST_SERVER} (which may be a real RethinkDB 2.4).
 */
package io.reqldb.tools;
