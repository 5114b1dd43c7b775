package io.serialgate.api.api;

import io.serialgate.api.core.Server;
import io.serialgate.api.core.ServerStatus;
import io.serialgate.common.auth.Secrets;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Servers in Nova's JSON shapes: the short form of {@code GET /servers} and the long form of
 * {@code GET /servers/detail} and {@code GET /servers/{id}}, with Nova's field names so nova and
 * openstack can read them.
 */
public final class ServerViews {

    private final URI baseUri;

    public ServerViews(URI baseUri) {
        this.baseUri = baseUri;
    }

    public Map<String, Object> created(Server server) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", server.id().toString());
        view.put("links", links(server));
        view.put("OS-DCF:diskConfig", "MANUAL");
        view.put("security_groups", List.of());
        return Map.of("server", view);
    }

    public Map<String, Object> summary(Server server) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", server.id().toString());
        view.put("name", server.name());
        view.put("links", links(server));
        return view;
    }

    /** Nova's detailed server; {@code admin} adds the host attribute, as Nova's policy does. */
    public Map<String, Object> detail(Server server, boolean admin) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", server.id().toString());
        view.put("name", server.name());
        view.put("status", server.status().name());
        view.put("tenant_id", server.projectId());
        view.put("user_id", server.projectId());
        view.put("created", timestamp(server.createdAt()));
        view.put("updated", timestamp(server.updatedAt()));
        // As Nova: an opaque per-project id of the host, so tenants can tell co-location without host names.
        view.put("hostId", server.host() == null ? "" : Secrets.sha256Hex(server.projectId() + server.host()).substring(0, 56));
        view.put("image", "");
        // Clients read flavor.id (openstack server list fails on a flavor without one); there are no flavors here.
        view.put("flavor", Map.of("id", "serialgate", "links", List.of()));
        view.put("addresses", Map.of());
        view.put("metadata", Map.of());
        view.put("accessIPv4", "");
        view.put("accessIPv6", "");
        view.put("progress", server.status() == ServerStatus.ACTIVE ? 100 : 0);
        view.put("key_name", null);
        view.put("config_drive", "");
        view.put("links", links(server));
        view.put("OS-EXT-STS:vm_state", server.status().vmState());
        view.put("OS-EXT-STS:task_state", server.status().taskState());
        view.put("OS-EXT-STS:power_state", server.status().powerState());
        view.put("serial_port_count", server.serialPortCount());
        view.put("image_properties", server.imageProperties());
        if (admin) {
            view.put("OS-EXT-SRV-ATTR:host", server.host());
        }
        if (server.status() == ServerStatus.ERROR && server.fault() != null) {
            view.put("fault", Map.of("code", 500, "message", server.fault(), "created", timestamp(server.updatedAt())));
        }
        return view;
    }

    private List<Map<String, String>> links(Server server) {
        String base = baseUri.toString().endsWith("/") ? baseUri.toString() : baseUri + "/";
        String path = server.projectId() + "/servers/" + server.id();
        return List.of(
                Map.of("rel", "self", "href", base + "v2.1/" + path),
                Map.of("rel", "bookmark", "href", base + path));
    }

    private static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
