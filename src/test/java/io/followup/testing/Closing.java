package io.followup.testing;

/** Closes what a test opened, in the order given, skipping what was never opened. */
public final class Closing {

    private Closing() {
    }

    /**
     * Closes every non-null resource in turn, even when one fails; the first failure is thrown afterwards (unchecked),
     * the others added to it as suppressed.
     */
    public static void all(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException unchecked ? unchecked
                            : new IllegalStateException("closing " + resource + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
