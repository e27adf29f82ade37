package io.followup.web;

import io.followup.FollowupException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * What the route tables read from a request and how they answer a form: the id in the path, the logged-in user, and
 * the redirect (303) that shows a flash message. Stateless.
 */
final class Requests {

    private Requests() {
    }

    /** The number in the path parameter {@code id}; one that is not a number is "no {@code what} #..." (404). */
    static long id(Context context, String what) {
        return number(context.pathParam("id"), text -> FollowupException.notFound("no " + what + " #" + text));
    }

    /** {@code text} as a number; otherwise the exception {@code invalid} makes of it. */
    static long number(String text, Function<String, ? extends RuntimeException> invalid) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            throw invalid.apply(text);
        }
    }

    /** The logged-in user's name. */
    static String user(Context context) {
        return SecurityFilter.session(context).user();
    }

    /** Redirects (303 See Other) to {@code path}, with {@code message} shown there as the flash ({@code done=}). */
    static void done(Context context, String path, String message) {
        context.redirect(path + (path.contains("?") ? "&" : "?") + "done="
                + URLEncoder.encode(message, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }
}
