package io.serialgate.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Builds the documentation site: every {@code *.md} of the source folder becomes an HTML page
 * with the shared navigation; {@code <!-- options: CLASS -->} markers become generated option
 * tables; pages listed in {@code nav.txt} must exist and every internal link must resolve, or the
 * build fails naming the page.
 */
public final class SiteBuilder {

    private static final Pattern OPTIONS_MARKER = Pattern.compile("<!-- options: ([\\w.$]+) -->");
    private static final Pattern EXAMPLE_MARKER = Pattern.compile("<!-- example: ([\\w-]+) -->");
    private static final Pattern MD_LINK = Pattern.compile("\\]\\(([^)#]*?)\\.md(#[^)]*)?\\)");

    private final List<Extension> extensions = List.of(TablesExtension.create(), HeadingAnchorExtension.create());
    private final Parser parser = Parser.builder().extensions(extensions).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(extensions).build();

    private final Path examples;

    public SiteBuilder() {
        this(null);
    }

    /** examples: where the test run captured real API examples (NAME.md), or null. */
    public SiteBuilder(Path examples) {
        this.examples = examples;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            throw new IllegalArgumentException("usage: SiteBuilder SOURCE_DIR OUTPUT_DIR [EXAMPLES_DIR]");
        }
        int pages = new SiteBuilder(args.length == 3 ? Path.of(args[2]) : null).build(Path.of(args[0]), Path.of(args[1]));
        System.out.println("docs: " + pages + " pages written to " + args[1]);
    }

    /** Builds the site; returns the number of pages written. */
    public int build(Path source, Path output) throws IOException {
        List<NavEntry> nav = readNav(source.resolve("nav.txt"));
        Map<String, String> markdown = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                markdown.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        for (NavEntry entry : nav) {
            if (!markdown.containsKey(entry.file())) {
                throw new SiteException("nav.txt lists " + entry.file() + " but there is no such page");
            }
        }
        Map<String, String> html = new LinkedHashMap<>();
        for (Map.Entry<String, String> page : markdown.entrySet()) {
            String htmlName = page.getKey().replaceAll("\\.md$", ".html");
            html.put(htmlName, renderPage(page.getKey(), page.getValue(), nav));
        }
        List<String> broken = LinkChecker.brokenLinks(html, java.util.Set.of("site.css"));
        if (!broken.isEmpty()) {
            throw new SiteException("broken links:\n  " + String.join("\n  ", broken));
        }
        Files.createDirectories(output);
        for (Map.Entry<String, String> page : html.entrySet()) {
            Files.writeString(output.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
        }
        Files.writeString(output.resolve("site.css"), SiteTemplate.CSS, StandardCharsets.UTF_8);
        return html.size();
    }

    private String renderPage(String name, String text, List<NavEntry> nav) {
        String expanded = expandExamples(name, expandOptionTables(text));
        // Links between pages are written to the .md files (so they work on a forge too) and
        // point to the .html pages on the site.
        expanded = MD_LINK.matcher(expanded).replaceAll(m -> "](" + Matcher.quoteReplacement(m.group(1))
                + ".html" + (m.group(2) == null ? "" : Matcher.quoteReplacement(m.group(2))) + ")");
        Node document = parser.parse(expanded);
        return SiteTemplate.page(title(document, name), renderer.render(document), nav, name.replaceAll("\\.md$", ".html"));
    }

    /**
     * Inserts the API examples the test run captured from the real services. Without a capture
     * (a build that skipped the tests) the page says so; a marker naming an example the capture
     * does not have fails the build, so the docs cannot point at a request nobody made.
     */
    private String expandExamples(String page, String text) {
        Matcher marker = EXAMPLE_MARKER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (marker.find()) {
            String replacement;
            if (examples == null || !Files.isDirectory(examples)) {
                replacement = "*(This example is captured from a real request when the tests run: `bin/test`.)*";
            } else {
                Path file = examples.resolve(marker.group(1) + ".md");
                if (!Files.isReadable(file)) {
                    throw new SiteException(page + ": no captured example '" + marker.group(1) + "' in " + examples);
                }
                try {
                    replacement = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new SiteException(page + ": cannot read " + file + ": " + e.getMessage());
                }
            }
            marker.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        marker.appendTail(out);
        return out.toString();
    }

    private static String expandOptionTables(String text) {
        Matcher marker = OPTIONS_MARKER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (marker.find()) {
            marker.appendReplacement(out, Matcher.quoteReplacement(OptionsTable.render(marker.group(1))));
        }
        marker.appendTail(out);
        return out.toString();
    }

    private static String title(Node document, String fallback) {
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading && heading.getLevel() == 1 && heading.getFirstChild() instanceof Text t) {
                return t.getLiteral();
            }
        }
        return fallback;
    }

    private static List<NavEntry> readNav(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new SiteException("missing " + file + " (the navigation: one 'file.md Title' per line)");
        }
        List<NavEntry> nav = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            if (space < 0) {
                throw new SiteException("nav.txt: expected 'file.md Title', got '" + trimmed + "'");
            }
            nav.add(new NavEntry(trimmed.substring(0, space), trimmed.substring(space + 1).strip()));
        }
        return nav;
    }

    record NavEntry(String file, String title) {
        String href() {
            return file.replaceAll("\\.md$", ".html");
        }
    }
}
