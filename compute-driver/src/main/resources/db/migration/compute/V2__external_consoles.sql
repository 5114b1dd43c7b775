-- Serial consoles that exist already as TCP endpoints (ser2net, terminal servers, IPMI SOL via
-- socat) registered for servers of the external driver; nothing is allocated for them.
CREATE TABLE external_consoles (
    instance_uuid TEXT    NOT NULL REFERENCES servers (instance_uuid) ON DELETE CASCADE,
    port_index    INTEGER NOT NULL CHECK (port_index >= 0),
    host          TEXT    NOT NULL,
    port          INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    PRIMARY KEY (instance_uuid, port_index)
);
