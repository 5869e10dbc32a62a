package io.missioncontrol.approval;

import io.missioncontrol.platform.testing.ServiceContract;
import io.missioncontrol.platform.testing.ServiceTest;

@ServiceTest
class ApprovalServiceIT extends ServiceContract {
}
