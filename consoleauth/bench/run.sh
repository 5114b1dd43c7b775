#!/usr/bin/env bash
# consoleauth benchmark: prints authorize/s and validate/s with p50/p99 through the internal REST,
# on a real PostgreSQL (SERIALGATE_TEST_PG, default jdbc:postgresql://127.0.0.1:5432/test?user=postgres;
# an embedded one when that is unreachable). Not a test: it asserts nothing.
#   usage: consoleauth/bench/run.sh [client-threads=8] [requests-per-phase=20000]
# Target (issue 3): validate >= 2,000/s at p99 <= 10 ms on an otherwise idle 2-core machine.
set -euo pipefail
exec "$(dirname "$0")/../../bench/run-test-main.sh" consoleauth io.serialgate.consoleauth.bench.ConsoleauthBenchmark "$@"
