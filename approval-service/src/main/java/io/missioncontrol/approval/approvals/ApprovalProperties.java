package io.missioncontrol.approval.approvals;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param expiryInterval how often the expiry job looks for requests past their deadline
 * @param expiryBatch    how many it expires per transaction
 * @param maxWait        the longest a {@code GET …?wait=} holds the request open
 */
@ConfigurationProperties("mc.approvals")
record ApprovalProperties(@DefaultValue("1s") Duration expiryInterval, @DefaultValue("100") int expiryBatch,
                          @DefaultValue("60s") Duration maxWait) {
}
