package io.followup.template;

import java.io.StringReader;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.velocity.Template;
import org.apache.velocity.exception.ExtendedParseException;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.node.SimpleNode;
import org.apache.velocity.runtime.resource.loader.StringResourceLoader;

/**
 * A dedicated Velocity runtime in strict mode: references to undefined variables, to missing
 * keys and to null values are errors; macros are local to their template; {@code #parse} and
 * {@code #include} find nothing (an empty in-memory loader, nothing from the classpath or the
 * file system); introspection is sandboxed ({@link SandboxUberspector}) and {@code #evaluate} and {@code #define}
 * are refused ({@link RefusedDirective}). Parses template parts into cached {@link CompiledPart}s and turns Velocity's
 * errors into {@link TemplateProblem}s positioned in the original file. Thread-safe.
 */
final class StrictVelocity {

    private static final Pattern LOCATION = Pattern.compile(" at .*?\\[line (\\d+), column (\\d+)]");
    private static final Pattern NULL_REFERENCE =
            Pattern.compile("Reference (\\S+) evaluated to null when attempting to render");
    private static final Pattern ENCOUNTERED = Pattern.compile("Encountered \"(.*?)\"");
    private static final Pattern UNDEFINED_MACRO = Pattern.compile("Macro '#(\\S+)' is not defined");
    private static final Pattern UNDEFINED_VARIABLE = Pattern.compile("Variable (\\S+) has not been set");
    private static final Pattern NO_MEMBER =
            Pattern.compile("Object '.*' does not contain (?:method (\\w+)\\(|property '(\\w+)')");

    private final RuntimeInstance runtime = new RuntimeInstance();
    private final AtomicLong parses = new AtomicLong();

    StrictVelocity() {
        runtime.setProperty("runtime.strict_mode.enable", true);
        runtime.setProperty("runtime.log.log_invalid_references", false);
        runtime.setProperty("velocimacro.inline.local_scope", true);
        runtime.setProperty("resource.loaders", "string");
        runtime.setProperty("resource.loader.string.class", StringResourceLoader.class.getName());
        runtime.setProperty("resource.loader.string.repository.static", false);
        runtime.setProperty("introspector.uberspect.class", SandboxUberspector.class.getName());
        runtime.init();
        runtime.addDirective(new RefusedDirective.Evaluate());
        runtime.addDirective(new RefusedDirective.Define());
    }

    /** The Velocity runtime, for lookups such as {@link RuntimeInstance#getDirective(String)}. */
    RuntimeInstance runtime() {
        return runtime;
    }

    /** How many parts this runtime has parsed; a cache test hook. */
    long parseCount() {
        return parses.get();
    }

    /**
     * Parses one part and prepares it for merging.
     *
     * @throws TemplateException at the position of a syntax error in the original file
     */
    CompiledPart compile(PartLocation location, String velocityName, String source) {
        Template template = new Template();
        template.setName(velocityName);
        template.setRuntimeServices(runtime);
        parses.incrementAndGet();
        try {
            SimpleNode document = runtime.parse(new StringReader(source), template);
            template.setData(document);
            template.initDocument();
        } catch (ParseException | RuntimeException failure) {
            throw new TemplateException(problem(location, failure, null), failure);
        }
        return new CompiledPart(location, source, template);
    }

    /**
     * The problem a Velocity failure (parse error, strict-mode error) describes, positioned in
     * the original file. {@code model} (nullable) tells a blank value from a missing one.
     */
    static TemplateProblem problem(PartLocation location, Exception failure, RenderModel model) {
        String message = String.valueOf(failure.getMessage());
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline).strip();
        }
        int line = 0;
        int column = 0;
        if (failure instanceof ExtendedParseException located) {
            line = located.getLineNumber();
            column = located.getColumnNumber();
        }
        Matcher position = LOCATION.matcher(message);
        if (position.find()) {
            if (line <= 0) {
                line = Integer.parseInt(position.group(1));
                column = Integer.parseInt(position.group(2));
            }
            message = message.substring(0, position.start()) + message.substring(position.end());
        }
        return location.problem(line, column, describe(message, failure, model));
    }

    private static String describe(String message, Exception failure, RenderModel model) {
        Matcher nullReference = NULL_REFERENCE.matcher(message);
        if (nullReference.matches()) {
            String reference = nullReference.group(1);
            return reference + (model != null && model.isBlank(reference) ? " is blank" : " is missing");
        }
        Matcher undefined = UNDEFINED_VARIABLE.matcher(message);
        if (undefined.matches()) {
            return undefined.group(1) + " is not defined";
        }
        Matcher member = NO_MEMBER.matcher(message);
        if (member.find()) {
            String name = member.group(1) != null ? member.group(1) : member.group(2);
            if (SandboxUberspector.forbiddenName(name)) {
                return "\"" + name + "\" is not allowed in templates (no reflection or class access)";
            }
        }
        Matcher macro = UNDEFINED_MACRO.matcher(message);
        if (macro.matches()) {
            return "unknown macro #" + macro.group(1);
        }
        if (failure instanceof ParseException) {
            Matcher encountered = ENCOUNTERED.matcher(message);
            if (encountered.find()) {
                String token = encountered.group(1);
                return token.equals("<EOF>") || token.equals("\\u001c") || token.equals("\u001c")
                        ? "syntax error: unexpected end of text (is an #end or a ')' missing?)"
                        : "syntax error: unexpected \"" + token + "\"";
            }
            return "syntax error: " + message;
        }
        return message;
    }
}
