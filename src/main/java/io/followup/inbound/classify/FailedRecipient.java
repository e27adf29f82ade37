package io.followup.inbound.classify;
public record FailedRecipient(String address, String status, BounceClass bounceClass, boolean hard) {}
