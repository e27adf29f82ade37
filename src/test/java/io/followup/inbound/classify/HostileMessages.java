package io.followup.inbound.classify;

import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/** The generated hostile messages of {@link HostileMimeTest}, for tests in other packages. */
public final class HostileMessages {

    private HostileMessages() {
    }

    /** Every hostile message's raw bytes. */
    public static List<byte[]> all() {
        return HostileMimeTest.hostileMessages().map(Arguments::get).map(args -> (byte[]) args[1]).toList();
    }
}
