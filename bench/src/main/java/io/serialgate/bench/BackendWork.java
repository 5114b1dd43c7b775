package io.serialgate.bench;

/**
 * What the processes behind serialproxy (its control plane) spent, service by service: a connect
 * costs consoleauth a token lookup and a session open and end, compute-driver the endpoint
 * re-check, PostgreSQL the statements. A part is null where its processes could not be found.
 */
record BackendWork(ProcessWork consoleauth, ProcessWork computeDriver, ProcessWork postgres) {

    BackendWork since(BackendWork before) {
        return new BackendWork(ProcessWork.between(before.consoleauth, consoleauth),
                ProcessWork.between(before.computeDriver, computeDriver), ProcessWork.between(before.postgres, postgres));
    }
}
