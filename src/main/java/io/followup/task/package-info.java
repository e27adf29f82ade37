/**
 * Tasks for the owner (a call, a LinkedIn message, a handwritten note), created when a sequence escalates and
 * listed by {@code followup tasks list} (later also the web UI and the digest).
 */
package io.followup.task;
