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
}
