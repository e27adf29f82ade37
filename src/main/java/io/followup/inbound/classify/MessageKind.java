package io.followup.inbound.classify;
public enum MessageKind { HUMAN_REPLY, AUTO_REPLY, BOUNCE, COMPLAINT, OTHER; public String wireName() { return name().toLowerCase(); } }
