package io.followup.config;

import java.time.Duration;

/**
 * How to send mail for one mailbox. Immutable and thread-safe; {@code toString()} masks the
 * password.
 *
 * @param host     the SMTP server host name
 * @param port     the port, 1..65535
 * @param security plain, STARTTLS or SSL
 * @param username the login, or null for no authentication
 * @param password the password, {@link Secret#NONE} when absent
 * @param timeout  connect and read timeout
 * @param trust    hosts whose certificate is trusted without checks ({@code "*"} = any, testing
 *                 only); empty for normal certificate checks
 */
public record SmtpConfig(String host, int port, Security security, String username, Secret password,
        Duration timeout, String trust) {

    public SmtpConfig {
        password = password == null ? Secret.NONE : password;
        trust = trust == null ? "" : trust;
    }
}
