package io.serialgate.common.config;

/** The smallest concrete service configuration: just the shared sections. */
public class TestServiceConfiguration extends ServiceConfiguration {}
