package io.serialgate.client.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;

/** Where a command's result goes, in the format the user chose with --format. */
public final class Output {

    /** Two-space indent, one array element per line, {@code "key": value}: what jq and python print. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    private final OutputFormat format;
    private final ObjectMapper json;
    private final PrintStream out;

    public Output(OutputFormat format, ObjectMapper json, PrintStream out) {
        this.format = format;
        this.json = json;
        this.out = out;
    }

    public boolean isJson() {
        return format == OutputFormat.json;
    }

    /** Prints the value as indented JSON followed by a newline. */
    public void json(Object value) {
        try {
            out.println(json.writer(PRETTY).writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
    }

    public void table(Table table) {
        table.print(out);
    }

    /** Text printed exactly as given (console output). */
    public void text(String text) {
        out.print(text);
        out.flush();
    }

    /** A sentence for people, printed in table format only. */
    public void message(String sentence) {
        out.println(sentence);
        out.flush();
    }
}
