package io.reqldb.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Backups and migration page's API: dump, restore and index-rebuild run as the toolkit's own
 * commands (see {@link ToolLauncher}) as the signed-in user, with their output polled live.
 *
 * <pre>
 * POST /api/jobs/dump            {"tables": ["db", "db.table", ...]} (none: everything)
 * POST /api/jobs/restore?name=FILE[&amp;force=1][&amp;resume=1]   body: the .tar.gz archive
 * POST /api/jobs/index-rebuild   {"force": false}
 * GET  /api/jobs/ID              {state: running|done|failed, exitCode, output: [lines], download}
 * GET  /api/jobs/ID/download     the archive a dump made
 * </pre>
 */
final class JobsApi {
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)?");
    private static final Pattern UNSAFE_NAME = Pattern.compile("[^A-Za-z0-9._-]");

    private final ToolLauncher launcher;
    /** Where restore keeps its --resume journals, across console sessions and server restarts. */
    private final Path journals = Path.of(System.getProperty("java.io.tmpdir"), "reqldb-console-journals");

    JobsApi(ToolLauncher launcher) {
        this.launcher = launcher;
    }

    void handle(HttpExchange exchange, ConsoleSession session, String path, boolean post) throws IOException {
        if (launcher == null) {
            Exchanges.error(exchange, 503, "Backups need the reqldb command, which this server was not started with.");
            return;
        }
        String rest = path.substring("/api/jobs/".length());
        if (post) {
            switch (rest) {
                case "dump" -> dump(exchange, session);
                case "restore" -> restore(exchange, session);
                case "index-rebuild" -> indexRebuild(exchange, session);
                default -> Exchanges.error(exchange, 404, "Not found.");
            }
            return;
        }
        boolean download = rest.endsWith("/download");
        ToolJob job = session.job(download ? rest.substring(0, rest.length() - "/download".length()) : rest);
        if (job == null) {
            Exchanges.error(exchange, 404, "No such job.");
        } else if (!download) {
            Exchanges.json(exchange, 200, job.state());
        } else if (job.download() == null) {
            Exchanges.error(exchange, 409, "The dump has not finished well.");
        } else {
            sendFile(exchange, job.download());
        }
    }

    private void dump(HttpExchange exchange, ConsoleSession session) throws IOException {
        JsonNode body = jsonBody(exchange);
        List<String> args = new ArrayList<>(List.of("dump"));
        for (JsonNode t : body.path("tables")) {
            if (!t.isTextual() || !SELECTOR.matcher(t.asText()).matches()) {
                Exchanges.error(exchange, 400, "Not a database or db.table name: " + t);
                return;
            }
            args.add("-e");
            args.add(t.asText());
        }
        Path dir = workDir();
        Path archive = dir.resolve("reqldb_dump.tar.gz");
        args.addAll(List.of("-f", archive.toString()));
        start(exchange, session, "dump", dir, archive, args);
    }

    private void restore(HttpExchange exchange, ConsoleSession session) throws IOException {
        Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
        String name = UNSAFE_NAME.matcher(params.getOrDefault("name", "archive.tar.gz")).replaceAll("_");
        name = name.length() > 100 ? name.substring(0, 100) : name;
        Path dir = workDir();
        Path archive = dir.resolve(name.startsWith(".") ? "_" + name : name);
        try (InputStream in = exchange.getRequestBody()) {
            Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(journals);
        List<String> args = new ArrayList<>(List.of("restore", archive.toString(),
                "--journal", journals.resolve(UNSAFE_NAME.matcher(session.user()).replaceAll("_") + "-" + name + ".journal").toString()));
        if ("1".equals(params.get("force"))) {
            args.add("--force");
        }
        if ("1".equals(params.get("resume"))) {
            args.add("--resume");
        }
        start(exchange, session, "restore", dir, null, args);
    }

    private void indexRebuild(HttpExchange exchange, ConsoleSession session) throws IOException {
        JsonNode body = jsonBody(exchange);
        List<String> args = new ArrayList<>(List.of("index-rebuild"));
        if (body.path("force").asBoolean(false)) {
            args.add("--force");
        }
        start(exchange, session, "index-rebuild", workDir(), null, args);
    }

    /** Runs {@code reqldb ARGS -c DRIVER -u USER --password-file F} as a job of the session. */
    private void start(HttpExchange exchange, ConsoleSession session, String kind, Path dir, Path result,
                       List<String> args) throws IOException {
        Path passwordFile = dir.resolve("password");
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, session.password());
        List<String> command = new ArrayList<>(launcher.command());
        command.addAll(args);
        command.addAll(List.of("-c", launcher.driver(), "-u", session.user(), "--password-file", passwordFile.toString()));
        ToolJob job = new ToolJob(UUID.randomUUID().toString(), kind, dir, result);
        session.addJob(job);
        job.start(command);
        Exchanges.json(exchange, 202, job.state());
    }

    private static Path workDir() throws IOException {
        // Made readable by this process's user only (0700), password file included.
        return Files.createTempDirectory("reqldb-console-job-");
    }

    private static JsonNode jsonBody(HttpExchange exchange) throws IOException {
        byte[] bytes = Exchanges.body(exchange, 1 << 20);
        try {
            return bytes == null || bytes.length == 0 ? Exchanges.JSON.createObjectNode() : Exchanges.JSON.readTree(bytes);
        } catch (IOException e) {
            return Exchanges.JSON.createObjectNode();
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new java.util.HashMap<>();
        if (query == null) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void sendFile(HttpExchange exchange, Path file) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/gzip");
        headers.set("Content-Disposition", "attachment; filename=\"reqldb_dump_" + java.time.LocalDate.now() + ".tar.gz\"");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
        }
        exchange.close();
    }
}
