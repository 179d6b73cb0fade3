#!/usr/bin/env bash
# Runs one benchmark main in its own JVM: bench/run.sh <main class> [args...]
#   e.g. bench/run.sh io.revtops.bench.SyncBench       (writes bench/results/sync.json)
#        bench/run.sh io.revtops.bench.WriteBench      (writes bench/results/write-path.json)
# Builds server, simulators and bench first (offline, no tests) unless REVTOPS_SKIP_BUILD=1.
# JAVA_HOME (default Temurin 25) and BENCH_JAVA_OPTS (default -Xmx4g) pick the JVM; -Dkey=value args go to the JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/run.sh <main class> [-Dprop=value...]" >&2; exit 2; }
MAIN=$1; shift
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ "${REVTOPS_SKIP_BUILD:-0}" != 1 ] || [ ! -f bench/target/classpath.txt ]; then
  ./mvnw -q -o -B -pl bench -am -DskipTests package
fi
# run from a snapshot of this checkout's classes and module jars: other builds in the same checkout may rewrite
# bench/target and server/target while a benchmark runs (the ~/.m2 jars do not change under us)
SNAP=$(mktemp -d /tmp/revtops-bench-cp-XXXX)
trap 'rm -rf "$SNAP"' EXIT
cp -r bench/target/classes "$SNAP/classes"
CP="$SNAP/classes"
IFS=: read -ra ENTRIES < bench/target/classpath.txt || true  # no trailing newline
for e in "${ENTRIES[@]}"; do
  case $e in
    "$PWD"/*) cp "$e" "$SNAP/"; CP="$CP:$SNAP/$(basename "$e")" ;;
    *) CP="$CP:$e" ;;
  esac
done
JVM_PROPS=(); ARGS=()
for a in "$@"; do case $a in -D*) JVM_PROPS+=("$a") ;; *) ARGS+=("$a") ;; esac; done
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx4g} "${JVM_PROPS[@]}" -cp "$CP" "$MAIN" "${ARGS[@]}"
