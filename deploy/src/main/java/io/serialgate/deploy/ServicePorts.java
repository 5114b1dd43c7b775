package io.serialgate.deploy;

/** The loopback ports of the four services (architecture defaults unless overridden). */
record ServicePorts(int api, int consoleauth, int compute, int serialproxy) {

    static final ServicePorts DEFAULTS = new ServicePorts(8774, 8781, 8782, 6083);

    String apiUrl() {
        return "http://127.0.0.1:" + api;
    }

    String consoleauthUrl() {
        return "http://127.0.0.1:" + consoleauth;
    }

    String computeUrl() {
        return "http://127.0.0.1:" + compute;
    }

    String serialproxyUrl() {
        return "http://127.0.0.1:" + serialproxy;
    }
}
