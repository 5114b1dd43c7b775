-- Whether a server of the fake driver is stopped (POST .../action {"stop": {}}). A stopped
-- server keeps its rows in port_allocations: its console ports come back on start.
ALTER TABLE servers
    ADD COLUMN power_state TEXT NOT NULL DEFAULT 'running' CHECK (power_state IN ('running', 'shutoff'));
