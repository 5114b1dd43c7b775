package io.serialgate.client.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serialgate.client.ClientFailure;
import io.serialgate.client.ExitCode;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ConsoleUrlsTest {

    @Test
    void httpBecomesWsKeepingPathAndQuery() {
        URI url = URI.create("http://127.0.0.1:6083/serial.html?token=abc%2Bdef");

        assertThat(ConsoleUrls.webSocketUri(url)).hasToString("ws://127.0.0.1:6083/serial.html?token=abc%2Bdef");
        assertThat(ConsoleUrls.origin(url)).isEqualTo("http://127.0.0.1:6083");
        assertThat(ConsoleUrls.withoutToken(ConsoleUrls.webSocketUri(url))).isEqualTo("ws://127.0.0.1:6083/serial.html");
    }

    @Test
    void httpsBecomesWss() {
        URI url = URI.create("https://console.example.org/?token=t");

        assertThat(ConsoleUrls.webSocketUri(url)).hasToString("wss://console.example.org/?token=t");
        assertThat(ConsoleUrls.origin(url)).isEqualTo("https://console.example.org");
    }

    @Test
    void aWebSocketUrlIsKeptAndAMissingPathBecomesSlash() {
        assertThat(ConsoleUrls.webSocketUri(URI.create("wss://h:1?token=t"))).hasToString("wss://h:1/?token=t");
    }

    @Test
    void anotherSchemeIsAServerError() {
        assertThatThrownBy(() -> ConsoleUrls.webSocketUri(URI.create("ftp://h/x")))
                .isInstanceOfSatisfying(ClientFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCode.SERVER_ERROR));
    }
}
