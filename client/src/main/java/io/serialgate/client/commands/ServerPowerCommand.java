package io.serialgate.client.commands;

import io.serialgate.client.api.ServerRef;
import io.serialgate.client.api.Servers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code server start|stop|reboot} share: the action on each server named, followed by the
 * status the api then shows, so the user sees the result rather than "accepted".
 */
public abstract class ServerPowerCommand extends EachServerCommand {

    /** Asks the api for the action on server {@code id}. */
    protected abstract void apply(Servers api, String id);

    /** The past tense the sentence uses: "started", "stopped", "rebooted". */
    protected abstract String done();

    @Override
    protected Map<String, String> actOn(Servers api, ServerRef ref) {
        apply(api, ref.id());
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("id", ref.id());
        entry.put("name", ref.name());
        entry.put("status", api.show(ref.id()).path("status").asText());
        return entry;
    }

    @Override
    protected String sentence(ServerRef ref, Map<String, String> done) {
        return "Server " + ref.label() + " (" + ref.id() + ") " + done() + "; its status is " + done.get("status") + ".";
    }

    @Override
    protected String jsonKey() {
        return "servers";
    }
}
