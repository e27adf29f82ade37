package io.followup.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test run once per database (H2 always, MariaDB when {@value TestDatabase#MARIADB_URL_VARIABLE} is set), given a
 * {@link TestDaemon} as a parameter: {@code @DaemonTest void replyStopsTheSequence(TestDaemon followup)}. See
 * {@link DaemonExtension}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(DaemonExtension.class)
public @interface DaemonTest {

    /** The databases this test runs on, of those the environment offers. */
    TestDatabase.Kind[] value() default {TestDatabase.Kind.H2, TestDatabase.Kind.MARIADB};
}
