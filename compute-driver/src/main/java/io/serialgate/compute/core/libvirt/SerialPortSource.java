package io.serialgate.compute.core.libvirt;

/**
 * One {@code <serial type='tcp'>} of a domain: serial port {@code portIndex} (ttyS N) listens on
 * {@code host:port}; {@code logFile} keeps what the guest wrote there (null without a {@code <log>}).
 */
public record SerialPortSource(int portIndex, String host, int port, String logFile) {}
