package io.followup;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, enforced. Every package has a layer; a class may depend on classes of its
 * own package and of lower layers only; an {@code internal} package is reached only from its parent package; the
 * libraries (classification, reply text, templates, calendars and waits) know no database and no mail server.
 * Arrows that break these rules today are listed one by one in {@link #DEBT}, each with the change that removes
 * it: the list may only shrink (a listed arrow that no longer exists fails the test too, so it is struck off).
 * Arrows within one layer between different packages are forbidden as well, so the allowed graph has no cycle.
 */
class ArchitectureTest {

    /** Each package of io.followup (the root package is "root") and its layer: lower layers know nothing above. */
    static final Map<String, Integer> LAYERS = layers(
            "root", 0,
            "template", 1, "schedule", 1, "inbound.classify", 1, "inbound.text", 1, "sequence.timing", 1,
            "store", 2,
            "config", 3,
            "config.internal", 4, "oauth", 4,
            "contact", 5,
            "outbox", 6,
            "inbound.proof", 7,
            "inbound", 8,
            "task", 9, "sentfolder", 9,
            "sequence", 10,
            "approval", 11, "matching", 11,
            "response", 12,
            "keepintouch", 13,
            "digest", 14, "metrics", 14,
            "web", 15,
            "app", 16,
            "demo", 17,
            "cli", 18);

    /**
     * Today's arrows against the layering ("from -> to"), each with the change that removes it. Strike an entry off
     * when its arrow is gone; never add one without a line in docs/architecture.md saying why.
     */
    static final Map<String, String> DEBT = debt();

    /** Libraries that must stay free of the database, the mail server and the scheduler. */
    static final Set<String> LIBRARIES = Set.of("inbound.classify", "inbound.text", "template", "sequence.timing");
    static final List<String> LIBRARY_FORBIDDEN = List.of("java.sql.", "javax.sql.", "org.jdbi.", "com.zaxxer.",
            "org.h2.", "org.mariadb.", "org.quartz.", "io.javalin.", "jakarta.mail.Store", "jakarta.mail.Transport");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.followup");

    @Test
    void everyArrowPointsDownOrIsListedDebt() {
        assertThat(violations(arrows(CLASSES), LAYERS, DEBT.keySet()))
                .as("arrows against docs/architecture.md (from -> to: an example)").isEmpty();
    }

    @Test
    void theDebtListOnlyShrinks() {
        Set<String> existing = arrows(CLASSES).keySet();
        assertThat(DEBT.keySet().stream().filter(arrow -> !existing.contains(arrow)).toList())
                .as("listed debt whose arrow is gone: strike it off here and in docs/architecture.md").isEmpty();
    }

    @Test
    void librariesKnowNoDatabaseNoMailServerAndNoScheduler() {
        List<String> found = new ArrayList<>();
        for (JavaClass origin : CLASSES) {
            if (!LIBRARIES.contains(packageOf(origin.getPackageName()))) {
                continue;
            }
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                String target = dependency.getTargetClass().getName();
                if (LIBRARY_FORBIDDEN.stream().anyMatch(target::startsWith)) {
                    found.add(origin.getName() + " -> " + target);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theRuleCatchesAForbiddenImportAnInternalReachedFromOutsideAndAPackageWithoutALayer() {
        Map<String, String> arrows = new TreeMap<>(Map.of(
                "web -> store", "WebThing -> Database",
                "store -> web", "Database -> WebThing",
                "digest -> config.internal", "DigestJob -> Node",
                "sequence -> approval", "StepDispatcher -> ApprovalPolicy",
                "newthing -> store", "Thing -> Database"));

        List<String> violations = violations(arrows, LAYERS, Set.of("sequence -> approval"));

        assertThat(violations).containsExactly(
                "digest -> config.internal: config.internal is internal to config (DigestJob -> Node)",
                "newthing -> store: package newthing has no layer in ArchitectureTest.LAYERS and "
                        + "docs/architecture.md (Thing -> Database)",
                "store -> web: layer 2 may not depend on layer 15 (Database -> WebThing)");
    }

    @Test
    void theListedDebtIsWhatMakesTheCyclesAndTheRestHasNone() {
        Map<String, String> allowed = new TreeMap<>(arrows(CLASSES));
        allowed.keySet().removeAll(DEBT.keySet());
        assertThat(violations(allowed, LAYERS, Set.of())).isEmpty();
    }

    /** "from -> to" package arrows between different packages of io.followup, each with one example. */
    static Map<String, String> arrows(JavaClasses classes) {
        Map<String, String> arrows = new TreeMap<>();
        for (JavaClass origin : classes) {
            String from = packageOf(origin.getPackageName());
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (!target.getPackageName().startsWith("io.followup")) {
                    continue;
                }
                String to = packageOf(target.getPackageName());
                if (!from.equals(to)) {
                    arrows.putIfAbsent(from + " -> " + to, origin.getSimpleName() + " -> " + target.getSimpleName());
                }
            }
        }
        return arrows;
    }

    /** The arrows that break the layering and are not in {@code debt}, with the reason and the example. */
    static List<String> violations(Map<String, String> arrows, Map<String, Integer> layers, Set<String> debt) {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, String> arrow : new TreeMap<>(arrows).entrySet()) {
            String[] ends = arrow.getKey().split(" -> ");
            String reason = reason(ends[0], ends[1], layers);
            if (reason != null && !debt.contains(arrow.getKey())) {
                violations.add(arrow.getKey() + ": " + reason + " (" + arrow.getValue() + ")");
            }
        }
        return violations;
    }

    private static String reason(String from, String to, Map<String, Integer> layers) {
        for (String end : new String[] {from, to}) {
            if (!layers.containsKey(end)) {
                return "package " + end + " has no layer in ArchitectureTest.LAYERS and docs/architecture.md";
            }
        }
        int internal = to.indexOf(".internal");
        if (internal >= 0 && !from.equals(to.substring(0, internal))) {
            return to + " is internal to " + to.substring(0, internal);
        }
        if (internal < 0 && layers.get(from) <= layers.get(to)) {
            return "layer " + layers.get(from) + " may not depend on layer " + layers.get(to);
        }
        return null;
    }

    private static String packageOf(String javaPackage) {
        return javaPackage.equals("io.followup") ? "root" : javaPackage.substring("io.followup.".length());
    }

    private static Map<String, Integer> layers(Object... pairs) {
        Map<String, Integer> layers = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            layers.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return layers;
    }

    private static Map<String, String> debt(String... pairs) {
        Map<String, String> debt = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            debt.put(pairs[i], pairs[i + 1]);
        }
        return debt;
    }
}
