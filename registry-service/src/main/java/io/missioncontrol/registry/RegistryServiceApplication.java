package io.missioncontrol.registry;

import io.missioncontrol.platform.MissionControlService;
import io.missioncontrol.platform.ServiceApplication;
import org.springframework.boot.SpringApplication;

/** Owns agents, their runtimes and credentials, and dispatches work to runtimes. */
@MissionControlService
public class RegistryServiceApplication {

    public static final String NAME = "registry-service";

    public static SpringApplication application() {
        return ServiceApplication.create(RegistryServiceApplication.class, NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
