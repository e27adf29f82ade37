package io.followup.template;

import java.io.StringWriter;
import java.util.HashMap;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.EventCartridge;

/**
 * One parsed part of a template (subject, text body or HTML body), ready to be merged any
 * number of times. Thread-safe: the parsed template is shared, every merge has its own context.
 */
record CompiledPart(PartLocation location, String source, Template template) {

    /**
     * Renders this part with the model.
     *
     * @throws TemplateException naming the file, line and column of a missing or blank value,
     *                           an undefined variable or a refused value
     */
    String merge(RenderModel model, InsertionGuard.Mode mode) {
        VelocityContext context = new VelocityContext(new HashMap<>(model.values()));
        EventCartridge cartridge = new EventCartridge();
        cartridge.addEventHandler(new InsertionGuard(mode));
        cartridge.attachToContext(context);
        StringWriter output = new StringWriter(Math.max(256, source.length() * 2));
        try {
            template.merge(context, output);
        } catch (InsertionGuard.Refused refused) {
            throw new TemplateException(location.problemAt(source, refused.reference(), refused.getMessage()));
        } catch (RuntimeException failure) {
            for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof InsertionGuard.Refused refused) {
                    throw new TemplateException(location.problemAt(source, refused.reference(), refused.getMessage()));
                }
            }
            throw new TemplateException(StrictVelocity.problem(location, failure, model), failure);
        }
        return output.toString();
    }
}
