package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One page of a server's console-session history, newest first; pass {@code next_marker} as {@code marker} for the next. */
public record SessionPage(
        @JsonProperty("sessions") List<ConsoleSession> sessions,
        @JsonProperty("next_marker") String nextMarker) {

    public SessionPage {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }
}
