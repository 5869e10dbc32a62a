#!/usr/bin/env bash
# Heartbeats through the gateway with the whole suite running, next to the machine's raw limits (bare WebFlux
# endpoint, Kafka producer, PostgreSQL batched inserts), in one run. Not part of ./mvnw verify.
# Usage: bash launcher/bench/gateway-heartbeat-benchmark.sh [seconds-per-phase=20] [rounds=2] [concurrency=16] [agents=100]
# Extra JVM options (e.g. a JFR recording) through BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
cp_file=launcher/target/bench-classpath.txt
./mvnw -o -q -pl launcher -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$(pwd)/$cp_file" -Dmdep.includeScope=test
cp="launcher/target/test-classes:launcher/target/classes:$(cat "$cp_file")"
mkdir -p launcher/target/bench-tmp
# shellcheck disable=SC2086
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -Djava.io.tmpdir=launcher/target/bench-tmp -cp "$cp" \
  io.missioncontrol.launcher.GatewayHeartbeatBenchmark "$@"
