package io.serialgate.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteBuilderTest {

    @TempDir
    Path source;

    @TempDir
    Path output;

    @Test
    void theRealSiteBuildsAndDocumentsEveryOption() throws Exception {
        int pages = new SiteBuilder().build(Path.of("src/site"), output);
        assertThat(pages).isGreaterThanOrEqualTo(4);
        String configuration = Files.readString(output.resolve("configuration.html"));
        for (String option : new String[] {"enabled", "base_url", "listen", "proxyclient_address", "port_range",
                "record", "daemon", "ssl_only", "source_is_ipv6", "cert", "key", "web"}) {
            assertThat(configuration).contains("<code>" + option + "</code>");
        }
        assertThat(configuration).contains("<code>10000:20000</code>");
    }

    @Test
    void aBrokenLinkFailsTheBuild() throws Exception {
        Files.writeString(source.resolve("nav.txt"), "index.md Home\n");
        Files.writeString(source.resolve("index.md"), "# Home\n\nSee [the API](api.md).\n");
        assertThatThrownBy(() -> new SiteBuilder().build(source, output))
                .hasMessageContaining("index.html: link to missing page api.html");
    }

    @Test
    void aBrokenAnchorFailsTheBuild() throws Exception {
        Files.writeString(source.resolve("nav.txt"), "index.md Home\n");
        Files.writeString(source.resolve("index.md"), "# Home\n\nSee [below](#nowhere).\n");
        assertThatThrownBy(() -> new SiteBuilder().build(source, output))
                .hasMessageContaining("missing anchor #nowhere");
    }

    @Test
    void aPageMissingFromTheNavigationSourcesFailsTheBuild() throws Exception {
        Files.writeString(source.resolve("nav.txt"), "index.md Home\nops.md Operations\n");
        Files.writeString(source.resolve("index.md"), "# Home\n");
        assertThatThrownBy(() -> new SiteBuilder().build(source, output))
                .hasMessageContaining("nav.txt lists ops.md but there is no such page");
    }

    @Test
    void capturedExamplesArePlacedAndAMissingOneFailsTheBuild() throws Exception {
        Path examples = Files.createDirectories(source.resolve("examples"));
        Files.writeString(examples.resolve("hello.md"), "```http\nGET /v2.1 HTTP/1.1\n```\n");
        Files.writeString(source.resolve("nav.txt"), "index.md Home\n");
        Files.writeString(source.resolve("index.md"), "# Home\n\n<!-- example: hello -->\n");
        new SiteBuilder(examples).build(source, output);
        assertThat(Files.readString(output.resolve("index.html"))).contains("GET /v2.1 HTTP/1.1");

        Files.writeString(source.resolve("index.md"), "# Home\n\n<!-- example: nobody-made-this -->\n");
        assertThatThrownBy(() -> new SiteBuilder(examples).build(source, output))
                .hasMessageContaining("no captured example 'nobody-made-this'");
    }

    @Test
    void withoutACaptureThePageSaysWhereExamplesComeFrom() throws Exception {
        Files.writeString(source.resolve("nav.txt"), "index.md Home\n");
        Files.writeString(source.resolve("index.md"), "# Home\n\n<!-- example: hello -->\n");
        new SiteBuilder(source.resolve("absent")).build(source, output);
        assertThat(Files.readString(output.resolve("index.html"))).contains("captured from a real request when the tests run");
    }
}
