package io.serialgate.serialproxy.relay;

import io.serialgate.serialproxy.metrics.ProxyMetrics;
import java.time.Duration;

/**
 * What every console of this proxy shares: where to register, what to count, and the timers.
 *
 * @param keepalive interval of websocket pings (keeps load balancers from dropping quiet consoles); zero = off
 * @param idleTimeout close a console with no data either way for this long (pings do not count); zero = off
 * @param viewerBufferBytes how much output a viewer may fall behind before it is dropped
 * @param recording how to record consoles, or null when serial_console.record is off
 * @param endAtTokenExpiry close a console ("token expired") when its token's expiry passes
 * @param replay the recent console log sent before live output (serialproxy.replay_log_bytes)
 * @param guests opens the TCP connections to the guests' serial ports
 */
public record RelaySettings(ConsoleRegistry registry, ProxyMetrics metrics, Duration keepalive, Duration idleTimeout,
        int viewerBufferBytes, Recording recording, boolean endAtTokenExpiry, ConsoleLogReplay replay,
        GuestConnector guests) {

    /** serial_console.record: true, with serialproxy.record_dir / record_input / record_max_kib. */
    public record Recording(java.nio.file.Path directory, boolean input, long maxBytes) {}

    SessionRecorder recorderFor(io.serialgate.common.contract.TokenBinding binding) {
        return recording == null ? SessionRecorder.OFF
                : SessionRecorder.open(recording.directory(), binding, recording.maxBytes(), recording.input());
    }
}
