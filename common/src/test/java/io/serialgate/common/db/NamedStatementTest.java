package io.serialgate.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serialgate.common.testing.TestPostgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On a real PostgreSQL database. */
class NamedStatementTest {

    private static final Jdbi JDBI = Jdbi.create(TestPostgres.freshDatabaseUrl());
    private static final NamedStatement INSERT = new NamedStatement(
            "INSERT INTO visits (id, who, at, note) VALUES (:id, :who, :at, :note) ON CONFLICT (id) DO NOTHING");
    private static final NamedStatement BY_ID = new NamedStatement(
            "SELECT who, at, note, id::text AS id_text FROM visits WHERE id = :id");

    record Visit(String who, Instant at, String note) {}

    private static final NamedStatement.RowReader<Visit> VISIT =
            row -> new Visit(row.getString("who"), NamedStatement.instant(row, "at"), row.getString("note"));

    private static <T> T inHandle(HandleCallback<T, RuntimeException> callback) {
        return JDBI.withHandle(callback);
    }

    @BeforeAll
    static void table() {
        JDBI.useHandle(h -> h.execute("CREATE TABLE visits (id uuid PRIMARY KEY, who text NOT NULL, at timestamptz NOT NULL, note text)"));
    }

    @Test
    void bindsByNameUuidsInstantsAndNullsAndReadsThemBack() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-26T11:30:00.123456Z");
        Integer inserted = inHandle(h -> INSERT.update(h, "id", id, "who", "alice", "at", at, "note", null));
        assertThat(inserted).isEqualTo(1);
        Optional<Visit> read = inHandle(h -> BY_ID.one(h, VISIT, "id", id));
        assertThat(read).contains(new Visit("alice", at, null));
        // The conflict clause holds: the row count tells.
        Integer again = inHandle(h -> INSERT.update(h, "id", id, "who", "bob", "at", at, "note", "x"));
        assertThat(again).isZero();
    }

    @Test
    void aNameUsedTwiceIsBoundTwiceAndCastsAreNotParameters() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        NamedStatement same = new NamedStatement("SELECT :v::text || '-' || :v AS both, :at::timestamptz AS at");
        Optional<String> both = inHandle(h -> same.one(h,
                row -> row.getString("both") + "@" + NamedStatement.instant(row, "at"), "v", "x", "at", now));
        assertThat(both).contains("x-x@" + now);
    }

    @Test
    void listsEveryRowAndOneRefusesMany() {
        JDBI.useHandle(h -> {
            for (int i = 0; i < 3; i++) {
                INSERT.update(h, "id", UUID.randomUUID(), "who", "team-list", "at", Instant.now(), "note", "n" + i);
            }
        });
        NamedStatement byWho = new NamedStatement("SELECT note FROM visits WHERE who = :who ORDER BY note");
        List<String> notes = inHandle(h -> byWho.list(h, row -> row.getString("note"), "who", "team-list"));
        assertThat(notes).containsExactly("n0", "n1", "n2");
        assertThatThrownBy(() -> inHandle(h -> byWho.one(h, row -> row.getString("note"), "who", "team-list")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("multiple");
    }

    @Test
    void joinsTheHandlesTransaction() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> JDBI.useTransaction(h -> {
            INSERT.update(h, "id", id, "who", "rolled-back", "at", Instant.now(), "note", null);
            throw new IllegalStateException("abort");
        })).hasMessage("abort");
        Optional<Visit> read = inHandle(h -> BY_ID.one(h, VISIT, "id", id));
        assertThat(read).isEmpty();
    }

    @Test
    void aMissingValueOrAFailingStatementIsAnErrorThatDoesNotShowTheValues() {
        assertThatThrownBy(() -> inHandle(h -> BY_ID.one(h, VISIT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":id");
        assertThatThrownBy(() -> inHandle(h -> BY_ID.one(h, VISIT, "id")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs");
        String secret = "s3cret-token-hash";
        NamedStatement broken = new NamedStatement("SELECT who FROM nowhere WHERE who = :who");
        assertThatThrownBy(() -> inHandle(h -> broken.one(h, row -> row.getString("who"), "who", secret)))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("nowhere")
                .hasMessageNotContaining(secret);
    }

    @Test
    void severalStatementsRunInOrderInOneCallAndEachResultIsRead() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-26T15:00:00Z");
        NamedStatement twoSteps = new NamedStatement("""
                INSERT INTO visits (id, who, at) VALUES (:id, :who, :at) RETURNING who;
                UPDATE visits SET note = 'seen by ' || who WHERE id = :id RETURNING note
                """);
        List<String> answers = inHandle(h -> twoSteps.results(h, executed -> {
            List<String> all = new java.util.ArrayList<>();
            do {
                try (var rows = executed.getResultSet()) {
                    rows.next();
                    all.add(rows.getString(1));
                }
            } while (executed.getMoreResults());
            return all;
        }, "id", id, "who", "carol", "at", at));

        assertThat(answers).as("the second statement saw the first one's row").containsExactly("carol", "seen by carol");
    }
}
