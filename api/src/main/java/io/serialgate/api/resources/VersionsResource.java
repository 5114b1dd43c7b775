package io.serialgate.api.resources;

import io.serialgate.api.api.VersionDocuments;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** Anonymous version discovery: {@code GET /}, {@code /v2}, {@code /v2.1}, {@code /v3}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class VersionsResource {

    @GET
    public Map<String, Object> versions(@Context UriInfo uri) {
        return new VersionDocuments(uri.getBaseUri()).all();
    }

    @GET
    @Path("v2.1")
    public Map<String, Object> v21(@Context UriInfo uri) {
        return Map.of("version", new VersionDocuments(uri.getBaseUri()).v21());
    }

    @GET
    @Path("v2")
    public Map<String, Object> v2(@Context UriInfo uri) {
        return Map.of("version", new VersionDocuments(uri.getBaseUri()).v20());
    }

    @GET
    @Path("v3")
    public Map<String, Object> v3(@Context UriInfo uri) {
        return Map.of("version", new VersionDocuments(uri.getBaseUri()).v3());
    }
}
