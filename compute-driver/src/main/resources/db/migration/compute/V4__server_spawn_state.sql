-- Whether a server's spawn finished. The libvirt driver writes its row as 'spawning' before it
-- allocates ports or defines the domain, and sets 'spawned' once the domain runs: a row still
-- 'spawning' after a restart is a spawn the process died in, which reconcile undoes (domain,
-- ports and row). Rows of the fake and external drivers are written whole, so 'spawned'.
ALTER TABLE servers
    ADD COLUMN spawn_state TEXT NOT NULL DEFAULT 'spawned' CHECK (spawn_state IN ('spawning', 'spawned'));
