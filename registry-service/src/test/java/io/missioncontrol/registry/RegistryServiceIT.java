package io.missioncontrol.registry;

import io.missioncontrol.platform.testing.ServiceContract;
import io.missioncontrol.platform.testing.ServiceTest;

@ServiceTest
class RegistryServiceIT extends ServiceContract {
}
