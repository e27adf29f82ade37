package io.followup.template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.node.ASTDirective;
import org.apache.velocity.runtime.parser.node.ASTIdentifier;
import org.apache.velocity.runtime.parser.node.ASTMethod;
import org.apache.velocity.runtime.parser.node.ASTReference;
import org.apache.velocity.runtime.parser.node.ASTSetDirective;
import org.apache.velocity.runtime.parser.node.ASTprocess;
import org.apache.velocity.runtime.parser.node.ASTBlock;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * Finds, in a parsed part, what strict rendering would only find for some contacts or never:
 * references whose root is not part of the model, misspelled keys of the fixed-shape maps
 * ({@code sender}, {@code owner}, {@code step}), contact keys that are not snake_case or are one
 * typo away from a standard key, maps rendered as a whole, and unknown or unsupported
 * directives and macros, and calls the sandbox refuses ({@code getClass}, {@code .class}: see
 * {@link SandboxUberspector}). Variables defined by {@code #set}, {@code #foreach} and macro arguments are accepted anywhere in the part. Stateless; thread-safe.
 */
final class ReferenceLint {

    private static final Map<String, Set<String>> FIXED_KEYS = Map.of(
            "sender", Set.of("name", "email"),
            "owner", Set.of("name", "email"),
            "step", Set.of("number", "total"));
    private static final Set<String> PERSON_ROOTS = Set.of("contact", "introducer");
    private static final List<String> PERSON_KEYS =
            List.of("email", "name", "first_name", "last_name", "company", "tier", "goal");
    private static final Set<String> UNSUPPORTED = Set.of("parse", "include");

    private final RuntimeInstance runtime;

    ReferenceLint(RuntimeInstance runtime) {
        this.runtime = runtime;
    }

    List<TemplateProblem> check(Node document, PartLocation location) {
        Set<String> locals = new HashSet<>(Set.of("foreach", "bodyContent"));
        Set<String> macros = new HashSet<>();
        collectDefinitions(document, locals, macros);
        List<TemplateProblem> problems = new ArrayList<>();
        visit(document, location, locals, macros, problems);
        return problems;
    }

    private void collectDefinitions(Node node, Set<String> locals, Set<String> macros) {
        if (node instanceof ASTSetDirective && node.jjtGetNumChildren() > 0
                && node.jjtGetChild(0) instanceof ASTReference target) {
            locals.add(target.getRootString());
        } else if (node instanceof ASTDirective directive) {
            String name = directive.getDirectiveName();
            if (name.equals("macro") && node.jjtGetNumChildren() > 0) {
                macros.add(macroName(node.jjtGetChild(0)));
                for (int index = 1; index < node.jjtGetNumChildren(); index++) {
                    if (node.jjtGetChild(index) instanceof ASTReference argument) {
                        locals.add(argument.getRootString());
                    }
                }
            } else if ((name.equals("foreach") || name.equals("define")) && node.jjtGetNumChildren() > 0
                    && node.jjtGetChild(0) instanceof ASTReference variable) {
                locals.add(variable.getRootString());
            }
        }
        for (int index = 0; index < node.jjtGetNumChildren(); index++) {
            collectDefinitions(node.jjtGetChild(index), locals, macros);
        }
    }

    private static String macroName(Node word) {
        String image = word instanceof org.apache.velocity.runtime.parser.node.SimpleNode simple
                ? simple.getFirstTokenImage() : null;
        return image == null ? "" : image.trim();
    }

    private void visit(Node node, PartLocation location, Set<String> locals, Set<String> macros,
                       List<TemplateProblem> problems) {
        if (node instanceof ASTReference reference) {
            String finding = checkReference(reference, locals);
            if (finding != null) {
                problems.add(location.problem(node.getLine(), node.getColumn(), finding));
            }
        } else if (node instanceof ASTDirective directive) {
            String name = directive.getDirectiveName();
            if (UNSUPPORTED.contains(name)) {
                problems.add(location.problem(node.getLine(), node.getColumn(),
                        "#" + name + " is not supported: each template must be self-contained"));
            } else if (runtime.getDirective(name) == null && !macros.contains(name)) {
                problems.add(location.problem(node.getLine(), node.getColumn(),
                        "unknown directive or macro #" + name + " (write \\#" + name + " for a literal '#')"));
            }
        }
        for (int index = 0; index < node.jjtGetNumChildren(); index++) {
            visit(node.jjtGetChild(index), location, locals, macros, problems);
        }
    }

    private static String checkReference(ASTReference reference, Set<String> locals) {
        String root = reference.getRootString();
        String written = reference.literal();
        for (int index = 0; index < reference.jjtGetNumChildren(); index++) {
            String name = reference.jjtGetChild(index) instanceof ASTMethod method ? method.getMethodName()
                    : reference.jjtGetChild(index) instanceof ASTIdentifier identifier ? identifier.getIdentifier()
                    : null;
            if (name != null && SandboxUberspector.forbiddenName(name)) {
                return written + ": \"" + name + "\" is not allowed in templates (no reflection or class access)";
            }
        }
        if (locals.contains(root)) {
            return null;
        }
        if (!RenderModel.ROOTS.contains(root)) {
            return "unknown reference " + written + ": known roots are contact, sender, owner, introducer, step, unsubscribe_url";
        }
        boolean rendered = reference.jjtGetParent() instanceof ASTprocess || reference.jjtGetParent() instanceof ASTBlock;
        if (reference.jjtGetNumChildren() == 0) {
            return rendered && !root.equals("unsubscribe_url")
                    ? written + " is a map: render one of its keys, e.g. $" + root + "." + exampleKey(root) : null;
        }
        if (!(reference.jjtGetChild(0) instanceof ASTIdentifier identifier)) {
            return null;
        }
        String key = identifier.getIdentifier();
        Set<String> fixed = FIXED_KEYS.get(root);
        if (fixed != null && !fixed.contains(key)) {
            return "unknown key \"" + key + "\" in " + written + ": $" + root + " has " + String.join(", ", fixed.stream().sorted().toList());
        }
        if (PERSON_ROOTS.contains(root)) {
            return checkPersonKey(root, key, written);
        }
        return null;
    }

    private static String checkPersonKey(String root, String key, String written) {
        if (!key.matches("[a-z][a-z0-9_]*")) {
            String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_').toLowerCase(Locale.ROOT);
            return "keys of $" + root + " are snake_case: " + written + " should use \"" + snake + "\"";
        }
        for (String standard : PERSON_KEYS) {
            int allowed = standard.length() <= 5 ? 1 : 2;
            if (!standard.equals(key) && distance(standard, key) <= allowed) {
                return "unknown key \"" + key + "\" in " + written + ": did you mean \"" + standard + "\"?";
            }
        }
        return null;
    }

    private static String exampleKey(String root) {
        return switch (root) {
            case "sender", "owner" -> "name";
            case "step" -> "number";
            default -> "first_name";
        };
    }

    /** Levenshtein distance, for short keys. */
    static int distance(String left, String right) {
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int j = 0; j <= right.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= left.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= right.length(); j++) {
                int substitution = previous[j - 1] + (left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[right.length()];
    }
}
