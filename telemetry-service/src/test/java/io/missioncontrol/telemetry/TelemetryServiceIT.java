package io.missioncontrol.telemetry;

import io.missioncontrol.platform.testing.ServiceContract;
import io.missioncontrol.platform.testing.ServiceTest;

@ServiceTest
class TelemetryServiceIT extends ServiceContract {
}
