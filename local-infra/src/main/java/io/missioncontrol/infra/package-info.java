/**
 * Real Kafka and PostgreSQL servers for the local run and for integration tests, without a Docker engine.
 *
 * <ul>
 *   <li>The launcher: {@link io.missioncontrol.infra.EmbeddedInfrastructure#local} (fixed ports, data kept under one
 *       directory across restarts).</li>
 *   <li>Integration tests: {@link io.missioncontrol.infra.TestInfrastructure#shared()} (one set of servers per test
 *       JVM; containers where Docker exists, embedded servers otherwise).</li>
 *   <li>Both are an {@link io.missioncontrol.infra.Infrastructure}; {@link io.missioncontrol.infra.KafkaBroker} and
 *       {@link io.missioncontrol.infra.Postgres} are the embedded servers underneath.</li>
 * </ul>
 *
 * <p>No Spring here: the services receive plain properties from
 * {@link io.missioncontrol.infra.Infrastructure#springProperties(String)}.
 */
package io.missioncontrol.infra;
