-- Every serialproxy instance that holds sessions, and when it last said it is alive. One row per
-- proxy, so liveness costs one UPDATE per proxy per heartbeat whatever its session count.
CREATE TABLE consoleauth.proxies (
    proxy_id          text        PRIMARY KEY,
    last_heartbeat_at timestamptz NOT NULL
);

-- Console sessions: one websocket connection to one serial port. Kept after they end (audit).
CREATE TABLE consoleauth.sessions (
    id             uuid        PRIMARY KEY,
    token_hash     char(64)    NOT NULL,
    tenant_id      text        NOT NULL,
    instance_uuid  text        NOT NULL,
    port_index     integer     NOT NULL CHECK (port_index >= 0),
    proxy_id       text        NOT NULL REFERENCES consoleauth.proxies (proxy_id),
    client_address text        NOT NULL,
    user_agent     text,
    role           text        NOT NULL CHECK (role IN ('writer', 'viewer')),
    started_at     timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    ended_at       timestamptz,
    end_reason     text        CHECK (end_reason IN ('client-closed', 'guest-closed', 'revoked', 'idle-timeout',
                                                     'token-expired', 'proxy-shutdown', 'proxy-lost')),
    revoked_at     timestamptz,
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);

-- The spec's "one user per port": at most one open writer per serial port, enforced by
-- PostgreSQL for every proxy and every consoleauth instance at once.
CREATE UNIQUE INDEX sessions_one_writer_per_port ON consoleauth.sessions (instance_uuid, port_index)
    WHERE role = 'writer' AND ended_at IS NULL;

-- History per server, newest first (keyset pagination on started_at, id).
CREATE INDEX sessions_by_instance ON consoleauth.sessions (instance_uuid, started_at DESC, id DESC);

-- Open sessions per proxy (lease loss), and the few revoked ones a heartbeat returns.
CREATE INDEX sessions_open_by_proxy ON consoleauth.sessions (proxy_id) WHERE ended_at IS NULL;
CREATE INDEX sessions_revoked_open_by_proxy ON consoleauth.sessions (proxy_id)
    WHERE ended_at IS NULL AND revoked_at IS NOT NULL;
