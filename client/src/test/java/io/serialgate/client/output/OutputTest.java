package io.serialgate.client.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputTest {

    @Test
    void jsonIsIndentedLikeJq() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Output output = new Output(OutputFormat.json, json, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        output.json(json.readTree("[{\"id\":\"a\",\"links\":[1,2]}]"));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                [
                  {
                    "id": "a",
                    "links": [
                      1,
                      2
                    ]
                  }
                ]
                """);
    }
}
