/**
 * Keep-in-touch cadences: a contact on a cadence (weekly, monthly, quarterly or a custom period) gets a check-in
 * draft when it falls due ({@link io.followup.keepintouch.CheckInDrafter}, a chore); any mail the contact writes
 * restarts the clock ({@link io.followup.keepintouch.KeepInTouchClock}, a
 * {@link io.followup.response.ResponseListener}). Cadences are set by a sequence's escalation or by
 * {@code followup keep-in-touch set} ({@link io.followup.keepintouch.KeepInTouchService}).
 */
package io.followup.keepintouch;
