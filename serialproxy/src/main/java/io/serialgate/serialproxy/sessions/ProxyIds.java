package io.serialgate.serialproxy.sessions;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The default serialproxy.proxy_id: this host's name and the port consoles arrive on. */
public final class ProxyIds {

    private ProxyIds() {}

    public static String defaultId(int port) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host.replace('/', '_').replace(' ', '_') + ":" + port;
    }
}
