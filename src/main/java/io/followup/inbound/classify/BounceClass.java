package io.followup.inbound.classify;
public enum BounceClass { INVALID_RECIPIENT, MAILBOX_FULL, TRANSIENT, POLICY, OTHER; public String wireName() { return name().toLowerCase(); } }
