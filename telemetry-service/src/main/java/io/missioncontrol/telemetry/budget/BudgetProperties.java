package io.missioncontrol.telemetry.budget;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param evaluateInterval how often every budget is compared with its current spend */
@ConfigurationProperties("mc.telemetry.budgets")
record BudgetProperties(@DefaultValue("15s") Duration evaluateInterval) {
}
