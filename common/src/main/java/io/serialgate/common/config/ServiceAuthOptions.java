package io.serialgate.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared bearer secret that every internal REST call carries and every internal endpoint
 * checks. The same value is configured on every service of one deployment.
 */
public final class ServiceAuthOptions {

    public static final String SECTION = "service_auth";
    static final int MIN_SECRET_LENGTH = 32;

    @OptionDoc(value = "The bearer secret every internal REST call carries and every internal endpoint checks (401 without it): the same random value, at least 32 characters, on every service of a deployment. Never logged.", defaultText = "none (required)")
    @JsonProperty("secret")
    private String secret;

    public String secret() { return secret; }

    public ServiceAuthOptions secret(String value) { this.secret = value; return this; }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (secret == null || secret.isBlank()) {
            problems.add(SECTION + ".secret: must be set (the same random value on every service)");
        } else if (secret.length() < MIN_SECRET_LENGTH) {
            // The value itself is never echoed: it is a secret.
            problems.add(SECTION + ".secret: must be at least " + MIN_SECRET_LENGTH
                    + " characters, got " + secret.length());
        }
        return problems;
    }

    @Override
    public String toString() {
        return "ServiceAuthOptions{secret=<redacted>}";
    }
}
