package io.followup.cli;

import java.nio.channels.SocketChannel;

/**
 * Thrown by {@link ConfigOption} when a running daemon holds the embedded database: carries the open connection to
 * that daemon's {@link CommandSocket}, over which {@link Main} has the daemon run the command. Not an error.
 */
final class DaemonRunning extends RuntimeException {

    private final transient SocketChannel channel;

    DaemonRunning(SocketChannel channel) {
        super("a daemon holds the embedded database", null, false, false);
        this.channel = channel;
    }

    SocketChannel channel() {
        return channel;
    }
}
