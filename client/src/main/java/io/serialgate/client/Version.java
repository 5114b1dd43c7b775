package io.serialgate.client;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), or "development" when run from classes. */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = SerialgateClient.class.getPackage().getImplementationVersion();
        return new String[] {SerialgateClient.NAME + " " + (version == null ? "development" : version)};
    }
}
