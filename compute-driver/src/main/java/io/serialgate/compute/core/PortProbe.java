package io.serialgate.compute.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks that a TCP port can be listened on at an address right now (nothing else holds it). */
public class PortProbe {

    private final InetAddress address;

    public PortProbe(InetAddress address) {
        this.address = address;
    }

    public boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same option the listeners use, so a port in TIME_WAIT after a guest left counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
