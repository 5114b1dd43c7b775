-- The internal URL of the compute-driver serving the token's server, given by the api at
-- authorization: validation re-checks the token's (host, port) there. NULL: the configured
-- internal.compute_url (single compute host deployments, tokens issued before this column).
ALTER TABLE consoleauth.tokens ADD COLUMN compute_url text;
