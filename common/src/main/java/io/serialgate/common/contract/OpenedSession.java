package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A session just opened, with what its token grants: where the proxy connects. */
public record OpenedSession(
        @JsonProperty("session") ConsoleSession session,
        @JsonProperty("binding") TokenBinding binding) {}
