-- Serial ports handed out on each compute host. A row stays until its server is deleted, so a
-- server keeps the same console ports (and the URLs given out) for its whole life.
CREATE TABLE port_allocations (
    host          TEXT        NOT NULL,
    port          INTEGER     NOT NULL CHECK (port BETWEEN 1 AND 65535),
    instance_uuid TEXT        NOT NULL,
    port_index    INTEGER     NOT NULL CHECK (port_index >= 0),
    allocated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT port_allocations_host_port_key UNIQUE (host, port),
    CONSTRAINT port_allocations_instance_index_key UNIQUE (host, instance_uuid, port_index)
);

CREATE INDEX port_allocations_instance_idx ON port_allocations (instance_uuid);

-- Servers a driver keeps itself (the fake and external drivers; libvirt keeps its own in the
-- domain definitions).
CREATE TABLE servers (
    instance_uuid     TEXT        PRIMARY KEY,
    name              TEXT        NOT NULL,
    host              TEXT        NOT NULL,
    driver            TEXT        NOT NULL,
    serial_port_count INTEGER     NOT NULL CHECK (serial_port_count >= 0),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX servers_host_driver_idx ON servers (host, driver);
