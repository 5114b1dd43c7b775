package io.serialgate.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serialgate.common.testing.TestPostgres;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On a real PostgreSQL database. */
class SingleRowQueryTest {

    private static final Jdbi JDBI = Jdbi.create(TestPostgres.freshDatabaseUrl());
    private static final RowMapper<String> NAME = (rs, ctx) -> rs.getString("name");
    private static final UUID ALICE = UUID.randomUUID();

    @BeforeAll
    static void table() {
        JDBI.useHandle(h -> {
            h.execute("CREATE TABLE people (id uuid PRIMARY KEY, name text NOT NULL, team text NOT NULL)");
            h.execute("INSERT INTO people VALUES (?, 'alice', 'red'), (?, 'bob', 'blue'), (?, 'carol', 'blue')",
                    ALICE, UUID.randomUUID(), UUID.randomUUID());
        });
    }

    @Test
    void findsTheRowWhereTheParameterHasTheValue() {
        SingleRowQuery<String> byId = new SingleRowQuery<>(JDBI, "SELECT name FROM people WHERE id = :id", "id", NAME);
        assertThat(byId.find(ALICE)).contains("alice");
    }

    @Test
    void isEmptyWhenNoRowMatches() {
        SingleRowQuery<String> byId = new SingleRowQuery<>(JDBI, "SELECT name FROM people WHERE id = :id", "id", NAME);
        assertThat(byId.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void moreThanOneRowIsAnError() {
        SingleRowQuery<String> byTeam = new SingleRowQuery<>(JDBI, "SELECT name FROM people WHERE team = :team", "team", NAME);
        assertThatThrownBy(() -> byTeam.find("blue")).isInstanceOf(IllegalStateException.class).hasMessageContaining("multiple");
    }

    @Test
    void aFailingQueryIsAJdbiStatementErrorThatDoesNotShowTheValue() {
        SingleRowQuery<String> missing = new SingleRowQuery<>(JDBI, "SELECT name FROM nobody WHERE id = :id", "id", NAME);
        UUID secret = UUID.randomUUID();
        assertThatThrownBy(() -> missing.find(secret))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("nobody")
                .hasMessageNotContaining(secret.toString());
    }

    @Test
    void castsAreNotTakenForTheParameter() {
        SingleRowQuery<String> byText = new SingleRowQuery<>(JDBI,
                "SELECT name::text AS name FROM people WHERE id::text = :id", "id", NAME);
        assertThat(byText.find(ALICE.toString())).contains("alice");
    }

    @Test
    void refusesAQueryThatNamesItsParameterTwice() {
        assertThatThrownBy(() -> new SingleRowQuery<>(JDBI, "SELECT name FROM people WHERE id = :id OR id = :id", "id", NAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than once");
    }

    @Test
    void refusesAQueryThatDoesNotNameItsParameter() {
        assertThatThrownBy(() -> new SingleRowQuery<>(JDBI, "SELECT name FROM people WHERE id = :uuid", "id", NAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(":id");
    }
}
