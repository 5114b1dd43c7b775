package io.serialgate.client.api;

/** A server found by name or id: its id for requests and its name for messages. */
public record ServerRef(String id, String name) {

    /** The name if it has one, else the id: what messages call the server. */
    public String label() {
        return name == null || name.isBlank() ? id : name;
    }
}
