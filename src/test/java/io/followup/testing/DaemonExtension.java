package io.followup.testing;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The JUnit 5 extension behind {@link DaemonTest}: runs the test once per database kind and hands each run a fresh
 * {@link TestDaemon} (GreenMail, the database, a {@link MutableClock}, configuration and template files in a
 * temporary folder), closed after the run whatever its outcome, daemon first. Stateless; JUnit may share it.
 */
public final class DaemonExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DaemonExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(method -> method.isAnnotationPresent(DaemonTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        List<TestDatabase.Kind> wanted = Arrays.asList(
                context.getRequiredTestMethod().getAnnotation(DaemonTest.class).value());
        return TestDatabase.kinds().filter(wanted::contains).map(Run::new);
    }

    /** One run of a test on one kind of database. */
    private record Run(TestDatabase.Kind kind) implements TestTemplateInvocationContext, ParameterResolver {

        @Override
        public String getDisplayName(int invocationIndex) {
            return kind.name();
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(this);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestDaemon.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestDaemon.class,
                    key -> new TestDaemon(kind), TestDaemon.class);
        }
    }
}
