package io.followup.demo;

import io.followup.contact.ContactSpec;
import java.time.Duration;

/**
 * A simulated recipient: who they are and how they behave. {@code answersStep} is the step they react to (0 never),
 * after {@code delay} of simulated time.
 */
record DemoContact(ContactSpec contact, Behaviour behaviour, int answersStep, Duration delay, String replyText) {

    enum Behaviour { REPLIES, OUT_OF_OFFICE, BOUNCES, SILENT }
}
