-- Console tokens. Only the SHA-256 of a token is stored: a database dump grants no console.
CREATE TABLE consoleauth.tokens (
    token_hash      char(64)    PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    tenant_id       text        NOT NULL,
    instance_uuid   text        NOT NULL,
    port_index      integer     NOT NULL CHECK (port_index >= 0),
    host            text        NOT NULL,
    port            integer     NOT NULL CHECK (port BETWEEN 1 AND 65535),
    access_url_base text        NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    -- set when the token's console is revoked (force disconnect, server deleted)
    revoked_at      timestamptz,
    -- set when a one-time token has been used by its first writer
    consumed_at     timestamptz,
    CHECK (expires_at > created_at)
);

-- The purge walks expired tokens oldest first.
CREATE INDEX tokens_expires_at_idx ON consoleauth.tokens (expires_at);

-- Revocation by (instance, serial port).
CREATE INDEX tokens_instance_port_idx ON consoleauth.tokens (instance_uuid, port_index);
