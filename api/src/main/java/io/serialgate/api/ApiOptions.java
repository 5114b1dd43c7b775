package io.serialgate.api;

import io.serialgate.common.config.OptionDoc;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** The {@code api:} section: how the first admin API key comes to exist, and when a compute host counts as down. */
public final class ApiOptions {

    public static final String SECTION = "api";
    static final int MIN_KEY_LENGTH = 16;

    /** The admin key to create on first start; when unset a random one is written to {@link #bootstrapAdminKeyFile}. */
    @OptionDoc(value = "The admin API key to create on first start (at least 16 characters); stored only as its SHA-256. When unset, a random key is written to `bootstrap_admin_key_file`.", defaultText = "none")
    @JsonProperty("bootstrap_admin_key")
    private String bootstrapAdminKey;

    @OptionDoc("Where a random first admin key is written (mode 0600) when `bootstrap_admin_key` is unset; only this path is logged, never the key.")
    @JsonProperty("bootstrap_admin_key_file")
    private String bootstrapAdminKeyFile = "./serialgate-admin-key";

    /** A compute host not heard from (heartbeat) for longer than this gets no new servers. */
    @OptionDoc("A compute host not heard from (heartbeat) for longer than this gets no new servers (1-3600 seconds).")
    @JsonProperty("compute_host_timeout_seconds")
    private int computeHostTimeoutSeconds = 15;

    /** How often the api asks each compute host for its servers' power states (0: never). */
    @OptionDoc("How often (seconds) the api asks each compute host which of its servers run, and records a guest that stopped or started behind its back (a host reboot, `virsh destroy`) as SHUTOFF or ACTIVE; 0 turns it off (0 or 1-86400).")
    @JsonProperty("power_state_sync_seconds")
    private int powerStateSyncSeconds = 60;

    public String bootstrapAdminKey() { return bootstrapAdminKey; }
    public int powerStateSyncSeconds() { return powerStateSyncSeconds; }
    public int computeHostTimeoutSeconds() { return computeHostTimeoutSeconds; }
    public String bootstrapAdminKeyFile() { return bootstrapAdminKeyFile; }

    public ApiOptions bootstrapAdminKey(String value) { this.bootstrapAdminKey = value; return this; }
    public ApiOptions bootstrapAdminKeyFile(String value) { this.bootstrapAdminKeyFile = value; return this; }
    public ApiOptions computeHostTimeoutSeconds(int value) { this.computeHostTimeoutSeconds = value; return this; }
    public ApiOptions powerStateSyncSeconds(int value) { this.powerStateSyncSeconds = value; return this; }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (bootstrapAdminKey != null && bootstrapAdminKey.length() < MIN_KEY_LENGTH) {
            // The value is a secret: report only its length.
            problems.add(SECTION + ".bootstrap_admin_key: must be at least " + MIN_KEY_LENGTH
                    + " characters, got " + bootstrapAdminKey.length());
        }
        if (bootstrapAdminKeyFile == null || bootstrapAdminKeyFile.isBlank()) {
            problems.add(SECTION + ".bootstrap_admin_key_file: must be a file path, got an empty value");
        }
        if (computeHostTimeoutSeconds < 1 || computeHostTimeoutSeconds > 3600) {
            problems.add(SECTION + ".compute_host_timeout_seconds: must lie in 1-3600, got " + computeHostTimeoutSeconds);
        }
        if (powerStateSyncSeconds < 0 || powerStateSyncSeconds > 86400) {
            problems.add(SECTION + ".power_state_sync_seconds: must be 0 (off) or lie in 1-86400, got " + powerStateSyncSeconds);
        }
        return problems;
    }

    @Override
    public String toString() {
        return "ApiOptions{bootstrapAdminKey=<redacted>, bootstrapAdminKeyFile=" + bootstrapAdminKeyFile
                + ", computeHostTimeoutSeconds=" + computeHostTimeoutSeconds
                + ", powerStateSyncSeconds=" + powerStateSyncSeconds + "}";
    }
}
