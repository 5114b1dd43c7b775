package io.serialgate.serialproxy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serialgate.common.config.OptionDoc;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The {@code serialproxy:} section: what only the websocket proxy needs. */
public final class SerialproxyOptions {

    public static final String SECTION = "serialproxy";

    /**
     * Browser origins allowed to open consoles besides the proxy's own host: either a host name
     * ({@code dashboard.example.com}, any scheme and port) or a full origin
     * ({@code https://dashboard.example.com:8443}).
     */
    @OptionDoc("Browser origins allowed to open consoles besides the proxy's own host: a host name (`dashboard.example.com`, any scheme and port) or a full origin (`https://dashboard.example.com:8443`). Any other Origin is refused with 403 `origin_forbidden` before the upgrade.")
    @JsonProperty("allowed_origins")
    private List<String> allowedOrigins = new ArrayList<>();

    /** A console with no data either way for this long is closed ("idle timeout"); 0 = never. Pings do not count. */
    @OptionDoc("Close a console with no data either way for this long, with 4000 `idle timeout`; 0 = never. Keepalive pings do not count as data.")
    @JsonProperty("idle_timeout_seconds")
    private int idleTimeoutSeconds = 600;

    /** Websocket ping interval, so load balancers do not cut quiet consoles; 0 = no pings. */
    @OptionDoc("Interval of websocket pings, so load balancers do not cut quiet consoles; 0 = no pings.")
    @JsonProperty("keepalive_seconds")
    private int keepaliveSeconds = 30;

    /** How far (KiB of output) a read-only viewer may fall behind before it is dropped. */
    @OptionDoc("How much output (KiB) a read-only viewer may fall behind before it is dropped with 4003 `viewer too slow`, 16-65536.")
    @JsonProperty("viewer_buffer_kib")
    private int viewerBufferKib = 256;

    /**
     * End a console when its token expires (Nova's [consoleauth] enforce_session_timeout). Off by
     * default: the token normally only guards the connect.
     */
    @OptionDoc("End a console with 4004 `token expired` when its token expires (Nova's `[consoleauth] enforce_session_timeout`). Off: the token only guards the connect.")
    @JsonProperty("end_at_token_expiry")
    private boolean endAtTokenExpiry = false;

    public boolean endAtTokenExpiry() { return endAtTokenExpiry; }

    /** Where serial_console.record writes one asciicast v2 file per console. */
    @OptionDoc("Where `serial_console.record: true` writes one asciicast v2 file per console.")
    @JsonProperty("record_dir")
    private String recordDir = "/var/lib/serialgate/recordings";

    /** Record typed input too ("i" events). Off by default: input carries passwords. */
    @OptionDoc("Record typed input too (`\"i\"` events). Off by default: input carries typed passwords.")
    @JsonProperty("record_input")
    private boolean recordInput = false;

    /** Size bound of one recording in KiB; recording stops (the console goes on) beyond it. */
    @OptionDoc("Size bound of one recording in KiB (1-4194304); recording stops beyond it, the console goes on.")
    @JsonProperty("record_max_kib")
    private int recordMaxKib = 10 * 1024;

    /** This proxy's name in consoleauth's session records and heartbeat. */
    @OptionDoc(value = "This proxy's name in consoleauth's session records and its heartbeat: unique per proxy process, "
            + "1-255 characters without `/`, spaces or control characters. "
            + "Sessions of a proxy whose heartbeat stops are ended as `proxy-lost` after consoleauth's lease.",
            defaultText = "hostname:port")
    @JsonProperty("proxy_id")
    private String proxyId;

    /** Bytes of recent console log replayed to a new console before it goes live; 0 = off. */
    @OptionDoc("Before going live, send a new console the last this-many bytes of the serial port's console log "
            + "(from compute-driver at `internal.compute_url`) so the user sees the screen's context; 0 = off, at most 65536 (sent as one websocket message).")
    @JsonProperty("replay_log_bytes")
    private int replayLogBytes = 0;

    public String proxyId() { return proxyId == null || proxyId.isBlank() ? null : proxyId.trim(); }
    public int replayLogBytes() { return replayLogBytes; }
    public SerialproxyOptions proxyId(String value) { this.proxyId = value; return this; }
    public SerialproxyOptions replayLogBytes(int value) { this.replayLogBytes = value; return this; }

    public String recordDir() { return recordDir; }
    public boolean recordInput() { return recordInput; }
    public int recordMaxKib() { return recordMaxKib; }

    public List<String> allowedOrigins() { return allowedOrigins == null ? List.of() : allowedOrigins; }
    public int idleTimeoutSeconds() { return idleTimeoutSeconds; }
    public int keepaliveSeconds() { return keepaliveSeconds; }
    public int viewerBufferKib() { return viewerBufferKib; }

    public SerialproxyOptions allowedOrigins(List<String> value) { this.allowedOrigins = value; return this; }
    public SerialproxyOptions idleTimeoutSeconds(int value) { this.idleTimeoutSeconds = value; return this; }
    public SerialproxyOptions keepaliveSeconds(int value) { this.keepaliveSeconds = value; return this; }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (idleTimeoutSeconds < 0 || idleTimeoutSeconds > 86_400) {
            problems.add(SECTION + ".idle_timeout_seconds: must lie in 0-86400 (0 = never), got " + idleTimeoutSeconds);
        }
        if (keepaliveSeconds < 0 || keepaliveSeconds > 3_600) {
            problems.add(SECTION + ".keepalive_seconds: must lie in 0-3600 (0 = no pings), got " + keepaliveSeconds);
        }
        if (viewerBufferKib < 16 || viewerBufferKib > 65_536) {
            problems.add(SECTION + ".viewer_buffer_kib: must lie in 16-65536, got " + viewerBufferKib);
        }
        if (recordDir == null || recordDir.isBlank()) {
            problems.add(SECTION + ".record_dir: must not be empty");
        }
        if (recordMaxKib < 1 || recordMaxKib > 4 * 1024 * 1024) {
            problems.add(SECTION + ".record_max_kib: must lie in 1-4194304, got " + recordMaxKib);
        }
        if (proxyId != null && (proxyId.contains("/") || proxyId.trim().contains(" ")
                || proxyId.chars().anyMatch(Character::isISOControl) || proxyId.length() > 255)) {
            problems.add(SECTION + ".proxy_id: must be at most 255 characters without '/', spaces or control characters, got '"
                    + (proxyId.length() > 40 ? proxyId.substring(0, 40) + "..." : proxyId) + "'");
        }
        if (replayLogBytes < 0 || replayLogBytes > 65_536) {
            problems.add(SECTION + ".replay_log_bytes: must lie in 0-65536 (0 = off; one websocket message), got " + replayLogBytes);
        }
        for (String origin : allowedOrigins()) {
            if (origin == null || origin.isBlank()) {
                problems.add(SECTION + ".allowed_origins: entries must not be empty");
            } else if (origin.contains("://")) {
                try {
                    URI uri = new URI(origin);
                    if (uri.getHost() == null) {
                        problems.add(SECTION + ".allowed_origins: not an origin or host name, got '" + origin + "'");
                    }
                } catch (Exception e) {
                    problems.add(SECTION + ".allowed_origins: not an origin or host name, got '" + origin + "'");
                }
            }
        }
        return problems;
    }
}
