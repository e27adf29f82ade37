package io.followup.inbound.classify;

import java.util.List;

/**
 * What the bounce analysis found.
 *
 * @param failedRecipients recipients that failed; empty for a success notification
 * @param success          true for a delivery-status report that reports no failure
 * @param explanation      why this is (or is not) a bounce
 */
record BounceReport(List<FailedRecipient> failedRecipients, boolean success, String explanation) {
}
