#!/usr/bin/env bash
# Search benchmarks (issue 5), run on demand:
#   bench/search.sh embedding [chunks=1024] [batch=32] [rounds=3]        -> bench/results/embedding.json
#   bench/search.sh search <postgres://user:pass@host:port> [rows=1000000] [queries=200]   -> bench/results/search.json
# The search benchmark needs PostgreSQL with pgvector (the embedded default has none): `CI_SKIP_TESTS=1 .ci/run`
# starts the CI cluster and prints its URL. Builds server, simulators and bench first (offline, no tests).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
which=${1:?usage: bench/search.sh embedding|search [args]}; shift
if [ "${REVTOPS_SKIP_BUILD:-0}" != 1 ] || [ ! -f bench/target/search-classpath.txt ]; then
  # one reactor build: the classpath points at this checkout's server and simulators, never at ~/.m2 snapshots
  ./mvnw -q -o -B -pl bench -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/search-classpath.txt >/dev/null
fi
CP="bench/target/classes:$(cat bench/target/search-classpath.txt)"
case $which in
  embedding) main=io.revtops.bench.search.EmbeddingBench ;;
  search) main=io.revtops.bench.search.SearchBench ;;
  *) echo "unknown benchmark $which" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx6g} -cp "$CP" "$main" "$@"
