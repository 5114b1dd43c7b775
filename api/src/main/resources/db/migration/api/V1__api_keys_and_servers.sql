-- API keys: only the SHA-256 hash of a key is stored; the key itself is shown once, at creation.
CREATE TABLE api.api_keys (
    id          uuid        PRIMARY KEY,
    key_hash    char(64)    NOT NULL UNIQUE,
    project_id  text        NOT NULL,
    -- comma-separated subset of member,admin
    roles       text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE TABLE api.servers (
    id                uuid        PRIMARY KEY,
    project_id        text        NOT NULL,
    name              text        NOT NULL,
    status            text        NOT NULL,
    host              text,
    serial_port_count integer     NOT NULL DEFAULT 1,
    image_properties  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- why the server is in ERROR, shown as Nova's server "fault"
    fault             text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX servers_by_project ON api.servers (project_id, created_at);
