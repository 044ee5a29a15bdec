package io.reqldb.console;

import io.reqldb.server.conn.LocalConnection;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One signed-in browser: the user, its CSRF token, and its connection inside the server, whose
 * queries run with that user's permissions. Each HTTP request that carries a query waits for the
 * next response to its token (a changefeed's CONTINUE waits until changes come).
 */
final class ConsoleSession implements AutoCloseable {
    final String id;
    final String csrfToken;
    private final LocalConnection connection;
    /** Kept for the toolkit's commands, which connect to the driver port as this user. */
    private final String password;
    private final Map<String, ToolJob> jobs = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private final Map<Long, Queue<CompletableFuture<byte[]>>> waiting = new ConcurrentHashMap<>();
    private volatile long lastUsedNanos = System.nanoTime();

    ConsoleSession(String id, String csrfToken, Connector connector, String user, String password) {
        this.id = id;
        this.csrfToken = csrfToken;
        this.password = password;
        this.connection = connector.connect(user, this::answered);
    }

    /** Opens the session's connection as a user the caller authenticated. */
    interface Connector {
        LocalConnection connect(String user, LocalConnection.Responses responses);
    }

    String user() {
        return connection.user();
    }

    String password() {
        return password;
    }

    void addJob(ToolJob job) {
        jobs.put(job.id, job);
    }

    ToolJob job(String id) {
        return jobs.get(id);
    }

    /** A fresh token for a START query. */
    long newToken() {
        return tokens.incrementAndGet();
    }

    /** Sends a query and returns its response (the JSON a driver reads) when it comes. */
    CompletableFuture<byte[]> send(long token, byte[] query) {
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        waiting.computeIfAbsent(token, t -> new ConcurrentLinkedQueue<>()).add(answer);
        connection.send(token, query);
        return answer;
    }

    /** Sends a query whose answer nobody waits for (STOP: a waiting CONTINUE gets the last batch). */
    void sendIgnoringAnswer(long token, byte[] query) {
        connection.send(token, query);
    }

    private void answered(long token, byte[] json) {
        Queue<CompletableFuture<byte[]>> queue = waiting.get(token);
        CompletableFuture<byte[]> next = queue == null ? null : queue.poll();
        if (next != null) {
            next.complete(json);
        }
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    /** Stops the session's queries and feeds; requests still waiting get no answer but an error. */
    @Override
    public void close() {
        connection.close();
        jobs.values().forEach(ToolJob::close);
        waiting.values().forEach(q -> q.forEach(f -> f.completeExceptionally(new IllegalStateException("signed out"))));
    }
}
