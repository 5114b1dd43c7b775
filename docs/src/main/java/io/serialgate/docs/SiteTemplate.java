package io.serialgate.docs;

import java.util.List;

/** The HTML around every page: title, navigation, stylesheet. */
final class SiteTemplate {

    static final String CSS = """
            body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1d2125; display: flex; }
            nav { width: 15rem; min-height: 100vh; background: #f3f5f7; padding: 1rem; box-sizing: border-box; }
            nav a { display: block; padding: .2rem 0; color: #0b5cad; text-decoration: none; }
            nav a.current { font-weight: 600; color: #1d2125; }
            nav .brand { font-weight: 700; font-size: 1.2rem; margin-bottom: 1rem; }
            main { max-width: 52rem; padding: 1rem 2rem 4rem; }
            pre { background: #f3f5f7; padding: .8rem; overflow-x: auto; }
            code { font-family: ui-monospace, monospace; font-size: .92em; }
            table { border-collapse: collapse; margin: 1rem 0; }
            th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; vertical-align: top; text-align: left; }
            @media (prefers-color-scheme: dark) {
              body { background: #15181b; color: #e3e6e8; }
              nav { background: #1f2327; } nav a { color: #6cb6ff; } nav a.current { color: #e3e6e8; }
              pre { background: #1f2327; } th, td { border-color: #3a4148; }
            }
            """;

    private SiteTemplate() {}

    static String page(String title, String body, List<SiteBuilder.NavEntry> nav, String current) {
        StringBuilder links = new StringBuilder();
        for (SiteBuilder.NavEntry entry : nav) {
            links.append("<a href=\"").append(entry.href()).append('"')
                    .append(entry.href().equals(current) ? " class=\"current\"" : "")
                    .append('>').append(escape(entry.title())).append("</a>\n");
        }
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " · serialgate</title>"
                + "<link rel=\"stylesheet\" href=\"site.css\"></head>\n<body>\n<nav><div class=\"brand\">serialgate</div>\n"
                + links + "</nav>\n<main>\n" + body + "</main>\n</body></html>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
