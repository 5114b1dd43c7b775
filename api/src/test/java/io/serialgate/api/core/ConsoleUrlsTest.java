package io.serialgate.api.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleUrlsTest {

    @Test
    void appendsTheTokenAsTheQuery() {
        assertThat(ConsoleUrls.withToken("http://h:6083/serial.html", "abc"))
                .isEqualTo("http://h:6083/serial.html?token=abc");
    }

    @Test
    void keepsAnExistingQueryAndFragment() {
        assertThat(ConsoleUrls.withToken("https://h/serial.html?lang=en", "abc"))
                .isEqualTo("https://h/serial.html?lang=en&token=abc");
        assertThat(ConsoleUrls.withToken("https://h/serial.html?", "abc")).isEqualTo("https://h/serial.html?token=abc");
        assertThat(ConsoleUrls.withToken("https://h/serial.html#term", "abc")).isEqualTo("https://h/serial.html?token=abc#term");
    }

    @Test
    void encodesTheToken() {
        assertThat(ConsoleUrls.withToken("http://h/", "a+b/c=")).isEqualTo("http://h/?token=a%2Bb%2Fc%3D");
    }
}
