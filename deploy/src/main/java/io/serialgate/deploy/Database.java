package io.serialgate.deploy;

/** The PostgreSQL the all-in-one runs on: where to reach it, and how to let it go. */
interface Database extends AutoCloseable {

    /** JDBC URL without credentials. */
    String jdbcUrl();

    String user();

    String password();

    /** A sentence for the summary ("embedded PostgreSQL 15 on port 54321, data in ..."). */
    String describe();

    @Override
    void close();
}
