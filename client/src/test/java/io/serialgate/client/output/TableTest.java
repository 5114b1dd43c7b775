package io.serialgate.client.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void rendersRuledColumnsSizedToTheWidestCell() {
        String text = print(Table.of("ID", "Name").row("1", "demo").row("22", "a\nb"));

        assertThat(text).isEqualTo("""
                +----+------+
                | ID | Name |
                +----+------+
                | 1  | demo |
                | 22 | a b  |
                +----+------+
                """);
    }

    @Test
    void propertiesAreSortedAndNestedValuesAreCompactJson() throws Exception {
        var server = new ObjectMapper().readTree("{\"name\":\"démo\",\"id\":\"x\",\"links\":[{\"rel\":\"self\"}],\"note\":null}");

        String text = print(Table.properties(server));

        assertThat(text).isEqualTo("""
                +----------+------------------+
                | Property | Value            |
                +----------+------------------+
                | id       | x                |
                | links    | [{"rel":"self"}] |
                | name     | démo             |
                | note     |                  |
                +----------+------------------+
                """);
    }

    @Test
    void aRowOfTheWrongWidthIsABug() {
        assertThatThrownBy(() -> Table.of("A").row("1", "2")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String print(Table table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
