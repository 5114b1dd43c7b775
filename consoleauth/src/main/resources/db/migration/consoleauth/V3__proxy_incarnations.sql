-- A proxy keeps its proxy_id across restarts (hostname:port), so the id alone cannot tell a
-- restarted process from the one that was killed. Each process picks a random incarnation and
-- announces it before its first session; the sessions it opens carry it.
--   proxies.incarnation        the current incarnation (NULL: never announced one)
--   sessions.proxy_incarnation the incarnation the session was opened under (NULL: before any)
-- Announcing a new incarnation ends, as proxy-lost, the open sessions of the earlier ones.
ALTER TABLE consoleauth.proxies ADD COLUMN incarnation uuid;
ALTER TABLE consoleauth.sessions ADD COLUMN proxy_incarnation uuid;
