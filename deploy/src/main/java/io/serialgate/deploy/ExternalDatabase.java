package io.serialgate.deploy;

/** A PostgreSQL the operator runs, named by JDBC URL; the all-in-one never stops it. */
record ExternalDatabase(String jdbcUrl, String user, String password) implements Database {

    @Override
    public String describe() {
        return "external PostgreSQL at " + jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
