package io.serialgate.consoleauth.core;

import io.serialgate.common.contract.ConsoleSessionContract;
import io.serialgate.common.contract.EndSessionRequest;
import io.serialgate.common.contract.OpenSessionRequest;
import io.serialgate.common.contract.RevokeSessionsRequest;
import io.serialgate.common.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What well-formed session requests look like; each problem names its field. */
public final class SessionRules {

    /** End reasons a proxy may report; proxy-lost is consoleauth's own verdict. */
    public static final Set<String> PROXY_END_REASONS = Set.of(
            "client-closed", "guest-closed", "revoked", "idle-timeout", "token-expired", "proxy-shutdown");
    static final int MAX_USER_AGENT = 1024;
    public static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 1000;

    private SessionRules() {}

    public static void check(OpenSessionRequest request) {
        if (request == null) {
            throw new InvalidInputException("body: a JSON object is required");
        }
        List<String> problems = new ArrayList<>();
        if (request.token() == null || request.token().isEmpty()) {
            problems.add("token: is required");
        } else if (request.token().length() > TokenRequestRules.MAX_TOKEN) {
            problems.add("token: must be at most " + TokenRequestRules.MAX_TOKEN + " characters, got "
                    + request.token().length());
        }
        checkProxyId(problems, request.proxyId());
        TokenRequestRules.requireText(problems, "client_address", request.clientAddress());
        if (request.userAgent() != null) {
            if (request.userAgent().length() > MAX_USER_AGENT) {
                problems.add("user_agent: must be at most " + MAX_USER_AGENT + " characters, got "
                        + request.userAgent().length());
            } else if (request.userAgent().chars().anyMatch(Character::isISOControl)) {
                problems.add("user_agent: must not contain control characters");
            }
        }
        if (request.role() == null || request.role().isBlank()) {
            problems.add("role: is required");
        } else if (!ConsoleSessionContract.ROLE_WRITER.equals(request.role())
                && !ConsoleSessionContract.ROLE_VIEWER.equals(request.role())) {
            problems.add("role: must be writer or viewer, got '" + TokenRequestRules.shorten(request.role()) + "'");
        }
        fail(problems);
    }

    public static String checkEndReason(EndSessionRequest request) {
        if (request == null) {
            throw new InvalidInputException("body: a JSON object is required");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw new InvalidInputException("reason: is required");
        }
        if (!PROXY_END_REASONS.contains(request.reason())) {
            throw new InvalidInputException("reason: must be one of " + String.join(", ", PROXY_END_REASONS.stream().sorted().toList())
                    + ", got '" + TokenRequestRules.shorten(request.reason()) + "'");
        }
        return request.reason();
    }

    public static void check(RevokeSessionsRequest request) {
        if (request == null) {
            throw new InvalidInputException("body: a JSON object is required");
        }
        boolean bySession = request.sessionId() != null;
        boolean byPort = request.instanceUuid() != null || request.portIndex() != null;
        if (bySession == byPort) {
            throw new InvalidInputException(
                    "session_id: give either session_id, or instance_uuid with port_index");
        }
        List<String> problems = new ArrayList<>();
        if (bySession) {
            uuid(problems, "session_id", request.sessionId());
        } else {
            uuid(problems, "instance_uuid", request.instanceUuid());
            if (request.portIndex() == null) {
                problems.add("port_index: is required with instance_uuid");
            } else if (request.portIndex() < 0 || request.portIndex() > TokenRequestRules.MAX_PORT_INDEX) {
                problems.add("port_index: must be between 0 and " + TokenRequestRules.MAX_PORT_INDEX + ", got "
                        + request.portIndex());
            }
        }
        fail(problems);
    }

    public static String checkProxyId(String proxyId) {
        List<String> problems = new ArrayList<>();
        checkProxyId(problems, proxyId);
        fail(problems);
        return proxyId;
    }

    /** The UUID in {@code value}, or 400 naming {@code field}. */
    public static UUID uuid(String field, String value) {
        List<String> problems = new ArrayList<>();
        UUID parsed = uuid(problems, field, value);
        fail(problems);
        return parsed;
    }

    public static int pageSize(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_PAGE;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_PAGE) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new InvalidInputException("limit: must be an integer between 1 and " + MAX_PAGE + ", got '"
                + TokenRequestRules.shorten(limit) + "'");
    }

    private static void checkProxyId(List<String> problems, String proxyId) {
        int before = problems.size();
        TokenRequestRules.requireText(problems, "proxy_id", proxyId);
        // The proxy id is a path segment of the heartbeat, and HTTP servers refuse an encoded '/'.
        if (problems.size() == before && proxyId.indexOf('/') >= 0) {
            problems.add("proxy_id: must not contain '/', got '" + TokenRequestRules.shorten(proxyId) + "'");
        }
    }

    private static UUID uuid(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + ": is required");
            return null;
        }
        try {
            UUID parsed = UUID.fromString(value);
            if (parsed.toString().equalsIgnoreCase(value)) {
                return parsed;
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        problems.add(field + ": must be a UUID, got '" + TokenRequestRules.shorten(value) + "'");
        return null;
    }

    private static void fail(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("; ", problems));
        }
    }
}
