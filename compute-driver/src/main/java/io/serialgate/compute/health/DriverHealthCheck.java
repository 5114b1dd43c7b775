package io.serialgate.compute.health;

import com.codahale.metrics.health.HealthCheck;
import io.serialgate.compute.core.ComputeDriver;

/** Healthy when the driver can list its servers (libvirt reachable, database answering). */
public final class DriverHealthCheck extends HealthCheck {

    private final ComputeDriver driver;

    public DriverHealthCheck(ComputeDriver driver) {
        this.driver = driver;
    }

    @Override
    protected Result check() {
        try {
            return Result.healthy("driver=%s servers=%d", driver.name(), driver.list().size());
        } catch (RuntimeException e) {
            return Result.unhealthy("driver=%s failed: %s", driver.name(), e.getMessage());
        }
    }
}
