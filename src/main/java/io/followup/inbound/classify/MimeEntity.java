package io.followup.inbound.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One parsed MIME entity: its headers, content type, transfer-decoded body and children (the parts
 * of a multipart, or the single message inside a {@code message/rfc822} or {@code text/rfc822-headers}).
 */
record MimeEntity(Headers headers, ContentType contentType, byte[] body, List<MimeEntity> children) {

    MimeEntity {
        children = List.copyOf(children);
    }

    String text() {
        return TextDecoding.decodeText(body, contentType.parameter("charset"));
    }

    boolean isAttachment() {
        String disposition = headers.lower("content-disposition");
        return disposition.startsWith("attachment");
    }

    /** This entity and all descendants, depth first, in document order. */
    List<MimeEntity> flatten() {
        List<MimeEntity> all = new ArrayList<>();
        collect(this, all, entity -> true);
        return all;
    }

    /** Descendants (and this) that do not lie inside an attached message. */
    List<MimeEntity> ownParts() {
        List<MimeEntity> all = new ArrayList<>();
        collect(this, all, entity -> !isEmbeddedMessage(entity));
        return all;
    }

    MimeEntity findFirst(Predicate<MimeEntity> condition) {
        for (MimeEntity entity : flatten()) {
            if (condition.test(entity)) {
                return entity;
            }
        }
        return null;
    }

    static boolean isEmbeddedMessage(MimeEntity entity) {
        String type = entity.contentType().mimeType();
        return type.equals("message/rfc822") || type.equals("message/global")
                || type.equals("text/rfc822-headers") || type.equals("message/rfc822-headers")
                || type.equals("message/global-headers");
    }

    private static void collect(MimeEntity entity, List<MimeEntity> into, Predicate<MimeEntity> descend) {
        into.add(entity);
        if (!descend.test(entity)) {
            return;
        }
        for (MimeEntity child : entity.children()) {
            collect(child, into, descend);
        }
    }
}
