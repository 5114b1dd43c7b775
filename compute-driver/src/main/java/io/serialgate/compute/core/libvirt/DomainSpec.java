package io.serialgate.compute.core.libvirt;

import java.util.List;

/** What serialgate asks libvirt for: a small direct-kernel-boot guest with TCP serial ports. */
public record DomainSpec(
        String domainName,
        String instanceUuid,
        String serverName,
        String computeHost,
        String domainType,
        int memoryMib,
        String kernel,
        String initrd,
        String cmdline,
        List<SerialPortSource> serialPorts) {

    public DomainSpec {
        serialPorts = List.copyOf(serialPorts);
    }
}
