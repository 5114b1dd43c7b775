package io.serialgate.client.output;

/** How commands print their result: a table for people (the default) or JSON for scripts. */
public enum OutputFormat {
    table,
    json
}
