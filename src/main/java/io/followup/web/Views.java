package io.followup.web;

import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;

/**
 * Renders the web UI's Velocity views from {@code /web/views/} on the class path with its own
 * {@link RuntimeInstance} (separate from the mail templates). Every reference is HTML-escaped on output
 * ({@link HtmlEscaping}); only references named {@code $raw...} are inserted as they are, and only code puts HTML
 * there. Thread-safe (templates are parsed once and cached).
 */
public final class Views {

    private final RuntimeInstance velocity = new RuntimeInstance();

    public Views() {
        Properties properties = new Properties();
        properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        properties.setProperty("resource.loader.classpath.class",
                "org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader");
        properties.setProperty("resource.loader.classpath.cache", "true");
        properties.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        properties.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        velocity.init(properties);
    }

    /** Renders {@code view} (a file name under {@code /web/views/}) with the model; values are escaped. */
    public String render(String view, Map<String, Object> model) {
        VelocityContext context = new VelocityContext();
        model.forEach(context::put);
        EventCartridge cartridge = new EventCartridge();
        cartridge.addReferenceInsertionEventHandler(new HtmlEscaping());
        cartridge.attachToContext(context);
        Template template = velocity.getTemplate("web/views/" + view, "UTF-8");
        StringWriter out = new StringWriter();
        template.merge(context, out);
        return out.toString();
    }
}
