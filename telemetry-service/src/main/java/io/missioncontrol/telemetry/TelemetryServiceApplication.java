package io.missioncontrol.telemetry;

import io.missioncontrol.platform.MissionControlService;
import io.missioncontrol.platform.ServiceApplication;
import org.springframework.boot.SpringApplication;

/** Watches the fleet: heartbeats, metrics, presence, and the activity timeline of everything that happened. */
@MissionControlService
public class TelemetryServiceApplication {

    public static final String NAME = "telemetry-service";

    public static SpringApplication application() {
        return ServiceApplication.create(TelemetryServiceApplication.class, NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
