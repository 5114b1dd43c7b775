-- Compute hosts as their heartbeats describe them; a host heard from within
-- api.compute_host_timeout_seconds is "up" and may receive new servers.
CREATE TABLE api.compute_hosts (
    host             text        PRIMARY KEY,
    -- the host's internal REST API, where spawn, destroy and serial-console calls go
    url              text        NOT NULL,
    driver           text        NOT NULL,
    port_range       text        NOT NULL,
    free_ports       integer     NOT NULL,
    max_serial_ports integer     NOT NULL,
    first_seen       timestamptz NOT NULL DEFAULT now(),
    last_seen        timestamptz NOT NULL DEFAULT now()
);
