package io.serialgate.serialproxy.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The terminal page and its assets: from the directory named by {@code serial_console.web} when it
 * exists (so operators can replace the page), else from the serialgate-static jar on the classpath.
 */
public final class StaticFiles {

    /** Where the static module puts its files inside its jar. */
    public static final String CLASSPATH_ROOT = "serialgate-static/";
    public static final String INDEX = "serial.html";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "map", "application/json",
            "txt", "text/plain; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final Path directory;

    private StaticFiles(Path directory) {
        this.directory = directory;
    }

    public static StaticFiles from(String webOption) {
        if (webOption != null && !webOption.isBlank()) {
            Path path = Path.of(webOption);
            if (Files.isDirectory(path)) {
                return new StaticFiles(path.toAbsolutePath().normalize());
            }
        }
        return new StaticFiles(null);
    }

    /** Where files come from, for the start-up log line. */
    public String source() {
        return directory == null ? "classpath:" + CLASSPATH_ROOT : directory.toString();
    }

    /** An open asset; the caller closes the stream. */
    public record Asset(InputStream body, String contentType, boolean html) {}

    /**
     * @param requestPath the path below the context, such as "/serial.html" or "/"
     * @return the asset, or empty when there is no such file or the path tries to leave the root
     */
    public Optional<Asset> open(String requestPath) throws IOException {
        String name = relativeName(requestPath);
        if (name == null) {
            return Optional.empty();
        }
        Optional<Asset> asset = openExactly(name);
        if (asset.isEmpty() && name.contains("/")) {
            // A reverse proxy that does not strip its sub-path sends /prefix/serial.html: the page
            // and its assets are flat, so serve them by file name from any directory.
            asset = openExactly(name.substring(name.lastIndexOf('/') + 1));
        }
        return asset;
    }

    private Optional<Asset> openExactly(String name) throws IOException {
        InputStream body;
        if (directory != null) {
            Path file = directory.resolve(name).normalize();
            if (!file.startsWith(directory) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            body = Files.newInputStream(file);
        } else {
            body = StaticFiles.class.getClassLoader().getResourceAsStream(CLASSPATH_ROOT + name);
            if (body == null) {
                return Optional.empty();
            }
        }
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return Optional.of(new Asset(body, TYPES.getOrDefault(extension, "application/octet-stream"),
                "html".equals(extension)));
    }

    /** "/" and "" mean the terminal page; anything with "..", "\" or an empty segment is refused. */
    static String relativeName(String requestPath) {
        String path = requestPath == null ? "" : requestPath;
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.isEmpty()) {
            return INDEX;
        }
        if (path.contains("\\") || path.contains("\0") || path.endsWith("/")) {
            return null;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        return path;
    }
}
