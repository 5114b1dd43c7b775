package io.serialgate.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds every internal link of the rendered pages that points to a missing page or anchor. */
final class LinkChecker {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("id=\"([^\"]+)\"");

    private LinkChecker() {}

    /** pages: output file name (e.g. quick-start.html) → its HTML; assets: other files the site has. Returns one line per broken link. */
    static List<String> brokenLinks(Map<String, String> pages, Set<String> assets) {
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Matcher href = HREF.matcher(page.getValue());
            while (href.find()) {
                String target = href.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("//")) {
                    continue; // external: not ours to check offline
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                String targetPage = file.isEmpty() ? page.getKey() : file;
                if (assets.contains(targetPage)) {
                    continue;
                }
                if (!pages.containsKey(targetPage)) {
                    broken.add(page.getKey() + ": link to missing page " + target);
                } else if (anchor != null && !ids(pages.get(targetPage)).contains(anchor)) {
                    broken.add(page.getKey() + ": link to missing anchor " + target);
                }
            }
        }
        return broken;
    }

    private static Set<String> ids(String html) {
        Set<String> ids = new java.util.HashSet<>();
        Matcher id = ID.matcher(html);
        while (id.find()) {
            ids.add(id.group(1));
        }
        return ids;
    }
}
