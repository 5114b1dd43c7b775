package io.serialgate.client.commands;

import io.serialgate.client.ClientContext;
import io.serialgate.client.SerialgateClient;
import io.serialgate.client.api.ApiClient;
import io.serialgate.client.api.ServerRef;
import io.serialgate.client.api.ServerResolver;
import io.serialgate.client.output.Output;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A leaf command: reaches the global options, the api and the output through the root command. */
abstract class ClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private ApiClient api;

    protected SerialgateClient root() {
        return (SerialgateClient) spec.root().userObject();
    }

    protected ClientContext context() {
        return root().context();
    }

    protected ApiClient api() {
        if (api == null) {
            api = root().api();
        }
        return api;
    }

    protected Output output() {
        return root().output();
    }

    protected ServerRef resolve(String server) {
        return new ServerResolver(api()).resolve(server);
    }
}
