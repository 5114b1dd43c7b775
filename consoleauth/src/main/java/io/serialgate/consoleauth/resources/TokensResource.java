package io.serialgate.consoleauth.resources;

import io.serialgate.common.contract.AuthorizeTokenRequest;
import io.serialgate.common.contract.AuthorizedToken;
import io.serialgate.common.contract.ConsoleauthContract;
import io.serialgate.common.contract.TokenBinding;
import io.serialgate.common.contract.ValidateTokenRequest;
import io.serialgate.consoleauth.core.TokenService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Issue and validate console tokens (internal: the service credential is checked by a filter). */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class TokensResource {

    private final TokenService tokens;

    public TokensResource(TokenService tokens) {
        this.tokens = tokens;
    }

    /** 201 with the token; the only answer that ever carries it. */
    @POST
    @Path(ConsoleauthContract.TOKENS)
    public Response authorize(AuthorizeTokenRequest request) {
        AuthorizedToken token = tokens.authorize(request);
        return Response.status(Response.Status.CREATED).entity(token).build();
    }

    @POST
    @Path(ConsoleauthContract.VALIDATE)
    public TokenBinding validate(ValidateTokenRequest request) {
        return tokens.validate(request);
    }
}
