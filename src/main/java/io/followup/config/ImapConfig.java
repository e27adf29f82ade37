package io.followup.config;

import java.time.Duration;
import java.util.List;

/**
 * How to watch one mailbox for replies. Immutable and thread-safe; {@code toString()} masks the
 * password.
 *
 * @param host         the IMAP server host name
 * @param port         the port, 1..65535
 * @param security     plain, STARTTLS or SSL
 * @param username     the login, or null
 * @param password     the password, {@link Secret#NONE} when absent
 * @param folders      the folders to watch, in order, at least one (YAML {@code folders}, default {@code [INBOX]})
 * @param idle         whether to use IMAP IDLE where the server supports it
 * @param pollInterval the polling period when IDLE is off or unsupported, and the IDLE re-issue period
 * @param timeout      connect and read timeout
 * @param trust        hosts whose certificate is trusted without checks ({@code "*"} = any,
 *                     testing only); empty for normal certificate checks
 * @param sentFolder   where a copy of each sent message is stored (YAML {@code sent_folder}, default auto)
 * @param junk         the Junk folder, watched too (YAML {@code junk}, default auto)
 * @param reconnectDelay the watcher's first wait before reconnecting after a failure, doubled on each further
 *                     failure in a row up to five minutes (not in YAML: always {@link #RECONNECT_DELAY}; tests
 *                     that break connections on purpose shorten it)
 */
public record ImapConfig(String host, int port, Security security, String username, Secret password,
        List<String> folders, boolean idle, Duration pollInterval, Duration timeout, String trust,
        SentFolder sentFolder, JunkFolder junk, Duration reconnectDelay) {

    /** The first reconnect delay of every configured mailbox. */
    public static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    public ImapConfig {
        reconnectDelay = reconnectDelay == null ? RECONNECT_DELAY : reconnectDelay;
        password = password == null ? Secret.NONE : password;
        trust = trust == null ? "" : trust;
        sentFolder = sentFolder == null ? SentFolder.NONE : sentFolder;
        folders = folders == null || folders.isEmpty() ? List.of("INBOX") : List.copyOf(folders);
        junk = junk == null ? JunkFolder.NONE : junk;
    }

    /** Settings with the default reconnect delay ({@link #RECONNECT_DELAY}). */
    public ImapConfig(String host, int port, Security security, String username, Secret password,
                      List<String> folders, boolean idle, Duration pollInterval, Duration timeout, String trust,
                      SentFolder sentFolder, JunkFolder junk) {
        this(host, port, security, username, password, folders, idle, pollInterval, timeout, trust, sentFolder, junk,
                RECONNECT_DELAY);
    }

    /**
     * Settings built in code (tests, the demo): one folder, no copy in a Sent folder ({@link SentFolder#NONE}), no
     * Junk folder ({@link JunkFolder#NONE}).
     */
    public ImapConfig(String host, int port, Security security, String username, Secret password,
                      String folder, boolean idle, Duration pollInterval, Duration timeout, String trust) {
        this(host, port, security, username, password, List.of(folder), idle, pollInterval, timeout, trust,
                SentFolder.NONE, JunkFolder.NONE);
    }

    /** The first of {@link #folders()} (usually INBOX). */
    public String folder() {
        return folders.get(0);
    }

    /** These settings with another Sent-folder choice. */
    public ImapConfig withSentFolder(SentFolder choice) {
        return new ImapConfig(host, port, security, username, password, folders, idle, pollInterval, timeout, trust,
                choice, junk, reconnectDelay);
    }

    /** These settings watching other folders and another Junk folder. */
    public ImapConfig withFolders(List<String> watched, JunkFolder junkFolder) {
        return new ImapConfig(host, port, security, username, password, watched, idle, pollInterval, timeout, trust,
                sentFolder, junkFolder, reconnectDelay);
    }

    /** These settings with another first reconnect delay (tests that drop connections on purpose). */
    public ImapConfig withReconnectDelay(Duration delay) {
        return new ImapConfig(host, port, security, username, password, folders, idle, pollInterval, timeout, trust,
                sentFolder, junk, delay);
    }
}
