package io.serialgate.api.api;

import io.serialgate.api.microversion.ApiVersion;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nova's version discovery documents, which clients read anonymously before anything else. */
public final class VersionDocuments {

    public static final String MAX_MICROVERSION = ApiVersion.MAX.toString();
    public static final String MIN_MICROVERSION = ApiVersion.MIN.toString();

    private final String base;

    public VersionDocuments(URI baseUri) {
        this.base = baseUri.toString().endsWith("/") ? baseUri.toString() : baseUri + "/";
    }

    public Map<String, Object> all() {
        return Map.of("versions", List.of(v20(), v21()));
    }

    public Map<String, Object> v21() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", "v2.1");
        v.put("status", "CURRENT");
        v.put("version", MAX_MICROVERSION);
        v.put("min_version", MIN_MICROVERSION);
        v.put("updated", "2013-07-23T11:33:21Z");
        v.put("links", links("v2.1/"));
        v.put("media-types", List.of(Map.of("base", "application/json",
                "type", "application/vnd.openstack.compute+json;version=2.1")));
        return v;
    }

    public Map<String, Object> v20() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", "v2.0");
        v.put("status", "SUPPORTED");
        v.put("version", "");
        v.put("min_version", "");
        v.put("updated", "2011-01-21T11:33:21Z");
        v.put("links", links("v2/"));
        v.put("media-types", List.of(Map.of("base", "application/json",
                "type", "application/vnd.openstack.compute+json;version=2")));
        return v;
    }

    /** The seed's v3 path, which serves get-serial-console only. */
    public Map<String, Object> v3() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", "v3.0");
        v.put("status", "EXPERIMENTAL");
        v.put("version", "");
        v.put("min_version", "");
        v.put("updated", "2014-12-01T00:00:00Z");
        v.put("links", links("v3/"));
        return v;
    }

    private List<Map<String, String>> links(String path) {
        return List.of(
                Map.of("rel", "self", "href", base + path),
                Map.of("rel", "describedby", "type", "text/html", "href", "https://docs.openstack.org/"));
    }
}
