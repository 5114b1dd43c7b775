#!/usr/bin/env bash
# The serialproxy benchmark: direct TCP vs socat (a plain TCP relay) vs serialproxy vs websockify
# (socat and websockify if installed), one table.
# Not a test and not part of `mvn verify`: run it by hand on an otherwise quiet machine.
#
#   bench/run.sh                                  # defaults: 100 echo sessions, 10 bulk, 1,000 idle
#   bench/run.sh --rounds 3 --idle 5000 --idle-websockify 1000   # the full protocol (medians of 3)
#
# Options (all optional): --targets direct,socat,serialproxy,websockify  --rounds N  --echo-sessions N
#   --keys-per-second N  --echo-seconds S  --bulk-sessions N  --bulk-seconds S  --connects N
#   --idle N  --idle-websockify N  --java-options "-Xmx1g"  --work-dir DIR
#   --jdbc-url URL (default jdbc:postgresql://127.0.0.1:5432/test)  --db-user NAME (default postgres;
#   password from SERIALGATE_DB_PASSWORD): the PostgreSQL where the control plane (consoleauth,
#   compute-driver, api via deploy/bin/serialgate-staged) gets a fresh database, dropped at the end.
# Builds what is missing (offline). Logs of the targets go to bench/target/run/.
set -euo pipefail
cd "$(dirname "$0")/.."

proxy_jar() { ls serialproxy/target/serialgate-serialproxy-*-all.jar 2>/dev/null | head -1; }
bench_jar() { ls bench/target/serialgate-bench-*-all.jar 2>/dev/null | head -1; }

# serialproxy's token check runs on the real consoleauth, compute-driver and api (their jars too).
for module in consoleauth compute-driver api serialproxy; do
  if ! ls "$module"/target/serialgate-"$module"-*-all.jar >/dev/null 2>&1; then
    ./mvnw -q -o -B -pl consoleauth,compute-driver,api,serialproxy -am package -DskipTests
    break
  fi
done
if [ -z "$(bench_jar)" ]; then
  ./mvnw -q -o -B -pl bench package
fi
# Idle sessions need descriptors: 3 per session in the bench process, 2 in the proxy.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

exec java -Xmx2g -jar "$(bench_jar)" --serialproxy-jar "$(proxy_jar)" "$@"
