package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The proxy reports why a session ended: client-closed, guest-closed, revoked, idle-timeout, token-expired or proxy-shutdown. */
public record EndSessionRequest(@JsonProperty("reason") String reason) {}
