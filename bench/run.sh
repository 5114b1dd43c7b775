#!/usr/bin/env bash
# The serialproxy benchmark: direct TCP vs serialproxy vs websockify (if installed), one table.
# Not a test and not part of `mvn verify`: run it by hand on an otherwise quiet machine.
#
#   bench/run.sh                                  # defaults: 100 echo sessions, 10 bulk, 1,000 idle
#   bench/run.sh --rounds 3 --idle 5000 --idle-websockify 1000   # the full protocol (medians of 3)
#
# Options (all optional): --targets direct,serialproxy,websockify  --rounds N  --echo-sessions N
#   --keys-per-second N  --echo-seconds S  --bulk-sessions N  --bulk-seconds S  --connects N
#   --idle N  --idle-websockify N  --java-options "-Xmx1g"  --work-dir DIR
# Builds what is missing (offline). Logs of the targets go to bench/target/run/.
set -euo pipefail
cd "$(dirname "$0")/.."

proxy_jar() { ls serialproxy/target/serialgate-serialproxy-*-all.jar 2>/dev/null | head -1; }
bench_jar() { ls bench/target/serialgate-bench-*-all.jar 2>/dev/null | head -1; }

if [ -z "$(proxy_jar)" ]; then
  ./mvnw -q -o -B -pl serialproxy package -DskipTests
fi
if [ -z "$(bench_jar)" ]; then
  ./mvnw -q -o -B -pl bench package
fi
# Idle sessions need descriptors: 3 per session in the bench process, 2 in the proxy.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

exec java -Xmx2g -jar "$(bench_jar)" --serialproxy-jar "$(proxy_jar)" "$@"
