package io.missioncontrol.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @TempDir
    static Path dataDirectory;

    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        int[] ports = FreePorts.allocate(2);
        broker = new KafkaBroker(dataDirectory, ports[0], ports[1]);
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.stop();
    }

    @Test
    void aProducedRecordReachesAConsumerGroup() throws Exception {
        KafkaTestClient.send(broker.bootstrapServers(), "greetings", "hello");

        assertThat(KafkaTestClient.consumeAsGroup(broker.bootstrapServers(), "greeters", "greetings", "hello"))
                .containsExactly("hello");
    }

    @Test
    void aRestartedBrokerKeepsItsAddressClusterAndRecords() throws Exception {
        KafkaTestClient.send(broker.bootstrapServers(), "survivors", "written before the restart");
        String address = broker.bootstrapServers();
        String clusterId = KafkaTestClient.clusterId(address);

        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        broker.start();

        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).isEqualTo(address);
        assertThat(KafkaTestClient.clusterId(address)).as("storage is not formatted again").isEqualTo(clusterId);
        KafkaTestClient.send(address, "survivors", "written after the restart");
        assertThat(KafkaTestClient.readAll(address, "survivors"))
                .containsExactlyInAnyOrder("written before the restart", "written after the restart");
    }
}
