package io.serialgate.compute.core;

import io.serialgate.common.contract.ComputeActionsContract;
import io.serialgate.common.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What {@code POST /v1/servers/{uuid}/action} can do to a server (see {@link ComputeActionsContract}). */
public enum ServerAction {
    REBOOT(ComputeActionsContract.REBOOT),
    STOP(ComputeActionsContract.STOP),
    START(ComputeActionsContract.START),
    REBUILD(ComputeActionsContract.REBUILD);

    private final String word;

    ServerAction(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /**
     * The action a request body names: exactly one key, one of the action words, whose value is
     * an object (Nova's shape, {@code {"reboot": {}}}; its content is ignored). InvalidInput otherwise.
     */
    public static ServerAction fromBody(Map<String, Object> body) {
        if (body == null || body.size() != 1) {
            throw new InvalidInputException("body: must name exactly one action (" + words() + "), got "
                    + (body == null ? "no body" : body.size() + " keys") + ".");
        }
        Map.Entry<String, Object> entry = body.entrySet().iterator().next();
        ServerAction action = Arrays.stream(values()).filter(a -> a.word.equals(entry.getKey())).findFirst()
                .orElseThrow(() -> new InvalidInputException("body: unknown action '" + entry.getKey()
                        + "', must be one of " + words() + "."));
        if (entry.getValue() != null && !(entry.getValue() instanceof Map)) {
            throw new InvalidInputException(action.word + ": must be an object such as {}, got "
                    + entry.getValue().getClass().getSimpleName().toLowerCase(Locale.ROOT) + ".");
        }
        return action;
    }

    private static String words() {
        return Arrays.stream(values()).map(ServerAction::word).collect(Collectors.joining(", "));
    }
}
