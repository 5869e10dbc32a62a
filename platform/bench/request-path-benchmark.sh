#!/usr/bin/env bash
# A request through a service's HTTP stack vs a bare WebFlux endpoint, in one run. Not part of ./mvnw verify.
# Usage: bash platform/bench/request-path-benchmark.sh [seconds-per-phase=10] [concurrency=32]
# Extra JVM options (e.g. a JFR recording) through BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
cp_file=platform/target/bench-classpath.txt
./mvnw -o -q -pl platform -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$(pwd)/$cp_file" -Dmdep.includeScope=test
cp="platform/target/test-classes:platform/target/classes:$(cat "$cp_file")"
mkdir -p platform/target/bench-tmp
# shellcheck disable=SC2086
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -Djava.io.tmpdir=platform/target/bench-tmp -cp "$cp" \
  io.missioncontrol.platform.bench.RequestPathBenchmark "$@"
