#!/usr/bin/env bash
# Runs one of the benchmark programs (src/test/java/app/takeaways/bench) against a freshly built jar.
# Usage: bench/run.sh AckBenchmark [args...]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  echo "usage: bench/run.sh <BenchmarkClass> [args...]   (see bench/README.md)" >&2
  exit 2
fi
mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
# BENCH_JAVA_OPTS: JVM options for the benchmark program itself (e.g. -Xmx256m for ExportBenchmark)
exec java ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "app.takeaways.bench.$1" "${@:2}"
