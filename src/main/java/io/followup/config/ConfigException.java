package io.followup.config;

import io.followup.FollowupException;

/**
 * A configuration or sequence file is missing, unreadable or holds a wrong value. The message
 * is always one line naming the file, the line where known, the key path and what was
 * expected, for example
 * {@code config/followup.yaml:14: mailboxes[0].smtp.port: expected a port number 1-65535, got "99999"}.
 * It never contains a secret.
 */
public final class ConfigException extends FollowupException {

    public ConfigException(String oneLineMessage) {
        super(oneLineMessage);
    }
}
