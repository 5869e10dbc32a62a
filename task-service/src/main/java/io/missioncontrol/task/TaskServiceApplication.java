package io.missioncontrol.task;

import io.missioncontrol.platform.MissionControlService;
import io.missioncontrol.platform.ServiceApplication;
import org.springframework.boot.SpringApplication;

/** Owns organizations, board groups, boards and tasks: the work a fleet of agents is organised around. */
@MissionControlService(ownsMemberships = true)
public class TaskServiceApplication {

    public static final String NAME = "task-service";

    public static SpringApplication application() {
        return ServiceApplication.create(TaskServiceApplication.class, NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
