package io.followup.config;

import java.util.Locale;

/**
 * Whether a sequence's mail is personal or bulk (YAML {@code unsubscribe: header | link | none}, per sequence and as
 * the global {@code unsubscribe.default}).
 * <ul>
 *   <li>{@link #HEADER}: bulk mail. The RFC 8058 headers {@code List-Unsubscribe} and
 *       {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} are set and {@code $unsubscribe_url} is available
 *       to templates. Vacation responders (RFC 5230) stay silent on such mail and Gmail shows its "Unsubscribe"
 *       banner.</li>
 *   <li>{@link #LINK} (the default): personal mail with a link. Templates may show {@code $unsubscribe_url}; no
 *       list headers.</li>
 *   <li>{@link #NONE}: plain person-to-person mail; {@code $unsubscribe_url} is absent.</li>
 * </ul>
 */
public enum UnsubscribeMode {
    HEADER,
    LINK,
    NONE;

    /** The mode when neither the sequence nor {@code unsubscribe.default} says. */
    public static final UnsubscribeMode DEFAULT = LINK;

    /** Whether templates get {@code $unsubscribe_url}. */
    public boolean offersLink() {
        return this != NONE;
    }

    /** Whether the message carries {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}. */
    public boolean setsHeaders() {
        return this == HEADER;
    }

    /** The YAML spelling: {@code header}, {@code link} or {@code none}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
