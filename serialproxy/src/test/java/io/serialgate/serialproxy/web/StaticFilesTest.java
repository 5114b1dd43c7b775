package io.serialgate.serialproxy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticFilesTest {

    @Test
    void rootMeansTheTerminalPageAndEscapesAreRefused() {
        assertThat(StaticFiles.relativeName("/")).isEqualTo("serial.html");
        assertThat(StaticFiles.relativeName("")).isEqualTo("serial.html");
        assertThat(StaticFiles.relativeName("/xterm.js")).isEqualTo("xterm.js");
        assertThat(StaticFiles.relativeName("/../etc/passwd")).isNull();
        assertThat(StaticFiles.relativeName("/a//b")).isNull();
        assertThat(StaticFiles.relativeName("/a\\..\\b")).isNull();
        assertThat(StaticFiles.relativeName("/dir/")).isNull();
    }

    @Test
    void missingWebDirectoryFallsBackToTheBundledPage() throws Exception {
        StaticFiles files = StaticFiles.from("/nonexistent/dir");
        assertThat(files.source()).startsWith("classpath:");
        try (InputStream in = files.open("/serial.html").orElseThrow().body()) {
            assertThat(new String(in.readAllBytes())).contains("xterm.js");
        }
        assertThat(files.open("/xterm.js")).isPresent();
        assertThat(files.open("/addon-fit.js")).isPresent();
        assertThat(files.open("/xterm.css")).isPresent();
        // Behind a reverse proxy that keeps its sub-path.
        assertThat(files.open("/prefix/deeper/xterm.js")).isPresent();
        assertThat(files.open("/prefix/")).isEmpty();
    }

    @Test
    void anExistingWebDirectoryIsServedInstead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("serial.html"), "custom page");
        StaticFiles files = StaticFiles.from(dir.toString());
        try (InputStream in = files.open("/").orElseThrow().body()) {
            assertThat(new String(in.readAllBytes())).isEqualTo("custom page");
        }
        assertThat(files.open("/xterm.js")).isEmpty();
        assertThat(files.open("/../" + dir.getFileName() + "/serial.html")).isEmpty();
    }
}
