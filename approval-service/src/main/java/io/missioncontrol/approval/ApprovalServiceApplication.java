package io.missioncontrol.approval;

import io.missioncontrol.platform.MissionControlService;
import io.missioncontrol.platform.ServiceApplication;
import org.springframework.boot.SpringApplication;

/** Owns approval requests, policies and decisions: the audit trail of sensitive actions. */
@MissionControlService
public class ApprovalServiceApplication {

    public static final String NAME = "approval-service";

    public static SpringApplication application() {
        return ServiceApplication.create(ApprovalServiceApplication.class, NAME);
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
