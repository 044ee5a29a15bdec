package io.reqldb.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The pages Vite built (console/web), served from the classpath. Files under assets/ carry a
 * hash of their content in their name, so browsers may keep them; index.html is asked for anew.
 */
final class StaticPages implements HttpHandler {
    private static final String ROOT = "io/reqldb/console/web/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
            "ico", "image/x-icon", "json", "application/json", "woff2", "font/woff2");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            Exchanges.error(exchange, 405, "Method not allowed.");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/")) {
            path = "/index.html";
        }
        if (path.contains("..") || path.contains("//")) {
            Exchanges.error(exchange, 404, "Not found.");
            return;
        }
        byte[] bytes;
        try (InputStream in = StaticPages.class.getClassLoader().getResourceAsStream(ROOT + path.substring(1))) {
            if (in == null) {
                Exchanges.error(exchange, 404, "Not found.");
                return;
            }
            bytes = in.readAllBytes();
        }
        String ext = path.substring(path.lastIndexOf('.') + 1);
        exchange.getResponseHeaders().set("Cache-Control",
                path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
        Exchanges.send(exchange, 200, TYPES.getOrDefault(ext, "application/octet-stream"),
                method.equals("HEAD") ? null : bytes);
    }
}
