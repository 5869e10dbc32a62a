package io.missioncontrol.platform.tenancy;

import io.missioncontrol.platform.MissionControlService;
import java.util.Map;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Imports {@link MembershipReplicaConfiguration} into a service unless its {@link MissionControlService} says it owns
 * the memberships: decided from the application class alone, before any bean exists.
 */
public class MembershipReplicaSelector implements ImportSelector {

    @Override
    public String[] selectImports(AnnotationMetadata application) {
        Map<String, Object> attributes = application.getAnnotationAttributes(MissionControlService.class.getName());
        boolean ownsMemberships = attributes != null && Boolean.TRUE.equals(attributes.get("ownsMemberships"));
        return ownsMemberships ? new String[0] : new String[] {MembershipReplicaConfiguration.class.getName()};
    }
}
