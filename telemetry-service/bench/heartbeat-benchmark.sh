#!/usr/bin/env bash
# Heartbeat ingestion vs this machine's raw limits, in one run. Not part of ./mvnw verify.
# Usage: bash telemetry-service/bench/heartbeat-benchmark.sh [seconds-per-phase=20] [concurrency=32]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
cp_file=telemetry-service/target/bench-classpath.txt
./mvnw -o -q -pl telemetry-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$(pwd)/$cp_file" -Dmdep.includeScope=test
cp="telemetry-service/target/test-classes:telemetry-service/target/classes:$(cat "$cp_file")"
mkdir -p telemetry-service/target/bench-tmp
exec java -Xmx1g -Djava.io.tmpdir=telemetry-service/target/bench-tmp -cp "$cp" \
  io.missioncontrol.telemetry.bench.HeartbeatBenchmark "$@"
