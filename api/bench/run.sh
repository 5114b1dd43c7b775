#!/usr/bin/env bash
# The api's benchmark: prints get-serial-console requests/s with p50/p99 latency, the api on a
# real PostgreSQL (SERIALGATE_TEST_PG, default jdbc:postgresql://127.0.0.1:5432/test?user=postgres;
# an embedded one when that is unreachable), compute-driver and consoleauth answered by the tests'
# stand-ins over real HTTP. Not a test: it asserts nothing. Run it on a quiet machine.
#   usage: api/bench/run.sh [client-threads=8] [seconds=10]
# Target (issue 5): >= 1,000 requests/s at p99 <= 20 ms on this 2-core machine.
set -euo pipefail
exec "$(dirname "$0")/../../bench/run-test-main.sh" api io.serialgate.api.bench.GetSerialConsoleBenchmark "$@"
