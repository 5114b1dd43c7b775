#!/usr/bin/env bash
# Runs a benchmark's main class from a module's test classes, on the module's test classpath.
#   usage: bench/run-test-main.sh MODULE MAIN-CLASS [args...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
module="$1" main="$2"
shift 2
cd "$root"
./mvnw -q -B -pl "$module" test-compile dependency:build-classpath \
    -Dmdep.outputFile="$root/$module/target/bench-classpath.txt" -Dmdep.includeScope=test
cd "$module"
mkdir -p target/bench
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" "$main" "$@"
