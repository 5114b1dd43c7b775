package io.serialgate.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.serialgate.client.ClientFailure;
import io.serialgate.client.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the SERVER argument into a server, the way novaclient's {@code find_resource} does: a
 * UUID is looked up by id first; otherwise (or if no server has that id) the name must match
 * exactly one server. No match is "not found"; several are a conflict listing their ids, because
 * acting on an arbitrary one of them would be a surprise.
 */
public final class ServerResolver {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    private final ApiClient api;

    public ServerResolver(ApiClient api) {
        this.api = api;
    }

    public ServerRef resolve(String nameOrId) {
        if (nameOrId == null || nameOrId.isBlank()) {
            throw ClientFailure.usage("SERVER must be a server name or id, got an empty string");
        }
        if (UUID.matcher(nameOrId).matches()) {
            ServerRef byId = findById(nameOrId);
            if (byId != null) {
                return byId;
            }
        }
        List<ServerRef> named = exactMatches(api.get(Servers.PATH + "?name=" + ApiClient.encode(nameOrId)), nameOrId);
        if (named.isEmpty()) {
            // Nova reads ?name= as a regular expression; a name with regex characters in it may
            // not match itself there, so look through the whole list before giving up.
            named = exactMatches(api.get(Servers.PATH), nameOrId);
        }
        if (named.isEmpty()) {
            throw ClientFailure.notFound("No server with a name or ID of '" + nameOrId + "' exists.");
        }
        if (named.size() > 1) {
            List<String> ids = named.stream().map(ServerRef::id).toList();
            throw ClientFailure.conflict("multiple servers named " + nameOrId + ": " + String.join(", ", ids)
                    + " (give an id instead)");
        }
        return named.get(0);
    }

    private ServerRef findById(String id) {
        try {
            JsonNode server = api.get(Servers.PATH + "/" + ApiClient.encode(id)).path("server");
            return new ServerRef(server.path("id").asText(id), server.path("name").asText(""));
        } catch (ClientFailure e) {
            if (e.exitCode() == ExitCode.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private static List<ServerRef> exactMatches(JsonNode answer, String name) {
        List<ServerRef> matches = new ArrayList<>();
        for (JsonNode server : answer.path("servers")) {
            if (name.equals(server.path("name").asText(null))) {
                matches.add(new ServerRef(server.path("id").asText(), name));
            }
        }
        return matches;
    }
}
