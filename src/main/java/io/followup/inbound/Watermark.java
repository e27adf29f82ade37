package io.followup.inbound;

/** How far a folder has been read: every message with a UID up to {@code lastUid} under {@code uidValidity}. */
public record Watermark(long uidValidity, long lastUid) {
}
