package io.missioncontrol.task;

import io.missioncontrol.platform.testing.ServiceContract;
import io.missioncontrol.platform.testing.ServiceTest;

@ServiceTest
class TaskServiceIT extends ServiceContract {
}
