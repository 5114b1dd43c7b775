package io.serialgate.common.error;

import jakarta.ws.rs.Priorities;

/**
 * The priority of the exception mappers every internal service gets from
 * {@code SerialgateApplication.protectInternalApi}: {@link JsonErrorMapper}, {@link HttpErrorMapper}
 * and {@link UnexpectedErrorMapper}. It is one step below the JAX-RS default ({@link Priorities#USER}),
 * so a service that registers its own mapper for the same exception type without a priority
 * replaces the shared one; Dropwizard's default mappers are switched off by protectInternalApi.
 */
public final class InternalApiMappers {

    /** Lower precedence than an unannotated mapper (JAX-RS: the lower value wins). */
    public static final int PRIORITY = Priorities.USER + 100;

    private InternalApiMappers() {}
}
