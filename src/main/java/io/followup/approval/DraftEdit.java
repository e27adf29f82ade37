package io.followup.approval;

/**
 * What a person changes in a draft; null components stay as they are. Replacing the text without giving a new
 * HTML body removes the HTML alternative, so the message never carries a text and an HTML part that disagree.
 *
 * @param subject the new subject (one line, not blank), or null
 * @param text    the new plain-text body (not blank), or null
 * @param html    the new HTML body, or null
 */
public record DraftEdit(String subject, String text, String html) {

    public boolean isEmpty() {
        return subject == null && text == null && html == null;
    }
}
