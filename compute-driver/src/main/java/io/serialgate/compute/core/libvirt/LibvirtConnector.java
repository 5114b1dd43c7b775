package io.serialgate.compute.core.libvirt;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/** Opens the libvirt connection a {@link LibvirtDriver} uses for its whole life. */
@FunctionalInterface
public interface LibvirtConnector {

    Connect open() throws LibvirtException;

    static LibvirtConnector forUri(String uri) {
        return () -> new Connect(uri);
    }

    /**
     * Whether libvirt answers at {@code uri} now (for launchers choosing between the libvirt and
     * fake drivers). False too when libvirt0 or JNA is missing.
     */
    static boolean reachable(String uri) {
        try {
            new Connect(uri).close();
            return true;
        } catch (LibvirtException | LinkageError e) {
            return false;
        }
    }
}
