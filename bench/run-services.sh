#!/usr/bin/env bash
# The control-plane benchmarks in one table: consoleauth authorize/validate through its internal
# REST, the api's get-serial-console, and compute-driver's port allocator and the test guest's boot-to-prompt time, each on the real
# PostgreSQL (127.0.0.1:5432, else embedded). Not tests: they assert nothing; run on a quiet
# machine. serialproxy's data-plane benchmark is bench/run.sh.
#   usage: bench/run-services.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

echo "consoleauth ..." >&2
consoleauth/bench/run.sh 8 20000 > "$out/consoleauth.txt" 2>&1

echo "api ..." >&2
api/bench/run.sh 8 10 > "$out/api.txt" 2>&1 || true

echo "compute-driver ..." >&2
./mvnw -q -o -B -pl compute-driver test -Dtest=PortAllocatorBenchmark -Dsurefire.failIfNoSpecifiedTests=false >/dev/null 2>&1 || true
grep -h "BENCHMARK" compute-driver/target/surefire-reports/*PortAllocatorBenchmark-output.txt > "$out/compute.txt" || true

echo "test guest boot ..." >&2
./mvnw -q -o -B -pl compute-driver test -Dtest=LibvirtQemuGuestTest -Dsurefire.failIfNoSpecifiedTests=false >/dev/null 2>&1 || true
grep -h "BENCHMARK" compute-driver/target/surefire-reports/*LibvirtQemuGuestTest-output.txt > "$out/boot.txt" 2>/dev/null \
  || echo "not measured: needs libvirt on qemu:///system and var/guest (bin/install-test-deps as root)" > "$out/boot.txt"

echo
echo "## consoleauth (internal REST, target: validate >= 2,000/s at p99 <= 10 ms)"
grep -E "^(operation|authorize|validate)" "$out/consoleauth.txt" || cat "$out/consoleauth.txt"
echo
echo "## api (target: get-serial-console >= 1,000 req/s, p99 <= 20 ms)"
grep -E "^(operation|get-serial-console)" "$out/api.txt" || cat "$out/api.txt"
echo
echo "## compute-driver port allocator (target: >= 2,000 allocations/s, 8 allocators, 10,000 ports, 0 duplicates)"
cat "$out/compute.txt"
echo
echo "## test guest (real QEMU under TCG through libvirt): boot to shell prompt on ttyS0"
cat "$out/boot.txt"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
