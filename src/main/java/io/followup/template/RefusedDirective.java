package io.followup.template;

import java.io.Writer;
import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeServices;
import org.apache.velocity.runtime.directive.Directive;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * Takes the place of a Velocity directive templates may not use ({@code #evaluate}, which would run a contact's
 * data as a template, and {@code #define}): a template using it fails when it is parsed, at {@code templates check}
 * and before any render, with the directive's line and column. Velocity creates one per use through the public
 * no-argument constructor of the subclass. Stateless; thread-safe.
 */
public abstract class RefusedDirective extends Directive {

    private final String name;
    private final int type;
    private final String reason;

    RefusedDirective(String name, int type, String reason) {
        this.name = name;
        this.type = type;
        this.reason = reason;
    }

    /** {@code #evaluate(...)}: would run data (a contact field) as a template. */
    public static final class Evaluate extends RefusedDirective {
        public Evaluate() {
            super("evaluate", LINE, "it would run data as a template");
        }
    }

    /** {@code #define($x) ... #end}: not needed by templates, and a way to build templates from data. */
    public static final class Define extends RefusedDirective {
        public Define() {
            super("define", BLOCK, "templates are written out, not assembled from data");
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getType() {
        return type;
    }

    @Override
    public void init(RuntimeServices services, InternalContextAdapter context, Node node) {
        throw refusal(node);
    }

    @Override
    public boolean render(InternalContextAdapter context, Writer writer, Node node) {
        throw refusal(node);
    }

    private VelocityException refusal(Node node) {
        return new VelocityException("#" + name + " is not allowed in templates (" + reason + ") at "
                + node.getTemplateName() + "[line " + node.getLine() + ", column " + node.getColumn() + "]");
    }
}
