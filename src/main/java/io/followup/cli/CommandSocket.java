package io.followup.cli;

import io.followup.FollowupException;
import io.followup.store.DataDirectory;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon's door for the command line: a Unix domain socket, {@code followup.sock} in the owner-only data
 * directory, itself {@code 0600}; it is not a network port. A command run from another terminal that finds the
 * embedded database held by a daemon sends its arguments and working directory here, the daemon runs the same
 * command in-process against its own database, and streams standard output, standard error and the exit code back.
 * A peer whose user differs from the daemon's is refused (checked with {@code SO_PEERCRED}).
 *
 * <p>Protocol, one command per connection: the client writes {@link #MAGIC}, its working directory and its
 * arguments ({@code writeUTF}, preceded by the count); the daemon answers with frames {@code [kind][length][bytes]}
 * of kind {@link #OUT} or {@link #ERR}, then one {@link #EXIT} frame holding the exit code. Thread-safe: at most
 * {@link #CONCURRENT} commands run at once, further clients are told to retry.
 */
public final class CommandSocket implements AutoCloseable {

    /** The socket's file name in the data directory. */
    public static final String FILE_NAME = "followup.sock";
    static final int MAGIC = 0x46555031;
    static final byte OUT = 'O';
    static final byte ERR = 'E';
    static final byte EXIT = 'X';
    static final int CONCURRENT = 4;
    private static final int MAX_ARGUMENTS = 1024;
    private static final Logger log = LoggerFactory.getLogger(CommandSocket.class);

    /** Runs one command for a client, as {@code followup args...} would in {@code workingDirectory}. */
    @FunctionalInterface
    public interface Runner {
        int run(String[] args, Path workingDirectory, PrintWriter out, PrintWriter err);
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final UserPrincipal owner;
    private final Runner runner;
    private final ThreadPoolExecutor workers;
    private final Thread acceptor;

    private CommandSocket(Path path, ServerSocketChannel server, UserPrincipal owner, Runner runner) {
        this.path = path;
        this.server = server;
        this.owner = owner;
        this.runner = runner;
        this.workers = new ThreadPoolExecutor(CONCURRENT, CONCURRENT, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "followup-command");
                    thread.setDaemon(true);
                    return thread;
                });
        this.workers.allowCoreThreadTimeOut(true);
        this.acceptor = new Thread(this::acceptLoop, "followup-command-socket");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds {@code dataDir/followup.sock} (replacing a stale file a killed daemon left) and starts serving.
     *
     * @throws FollowupException when the socket cannot be created; the message names the path
     */
    public static CommandSocket open(Path dataDir, Runner runner) {
        Path path = socketPath(dataDir);
        try {
            Files.deleteIfExists(path);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(path));
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(path, DataDirectory.FILE);
                }
                CommandSocket socket = new CommandSocket(path, server, Files.getOwner(path), runner);
                socket.acceptor.start();
                log.info("command socket {} open: commands from another terminal run in this daemon", path);
                return socket;
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            throw FollowupException.failure("cannot open the command socket " + path + ": " + e.getMessage()
                    + " (a shorter data_dir helps when the path is too long for a socket)", e);
        }
    }

    /** The socket of the daemon that holds the embedded database under {@code dataDir}. */
    public static Path socketPath(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    }

    /**
     * Connects to the daemon serving {@code dataDir}, if one is running and lets this user in; empty when there is
     * no socket or nobody answers (a stale file, another user's daemon).
     */
    static Optional<SocketChannel> connect(Path dataDir) {
        Path path = socketPath(dataDir);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SocketChannel.open(UnixDomainSocketAddress.of(path)));
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("no daemon answers on {}: {}", path, e.toString());
            return Optional.empty();
        }
    }

    /** Sends a command over a connected channel, copies what the daemon prints, returns its exit code. */
    static int forward(SocketChannel channel, String[] args, Path workingDirectory, PrintWriter out,
            PrintWriter err) {
        try (channel) {
            DataOutputStream request = new DataOutputStream(new BufferedOutputStream(
                    Channels.newOutputStream(channel)));
            request.writeInt(MAGIC);
            request.writeUTF(workingDirectory.toAbsolutePath().normalize().toString());
            request.writeInt(args.length);
            for (String arg : args) {
                request.writeUTF(arg);
            }
            request.flush();
            DataInputStream response = new DataInputStream(Channels.newInputStream(channel));
            while (true) {
                byte kind = response.readByte();
                if (kind == EXIT) {
                    return response.readInt();
                }
                byte[] bytes = new byte[response.readInt()];
                response.readFully(bytes);
                PrintWriter target = kind == ERR ? err : out;
                target.print(new String(bytes, StandardCharsets.UTF_8));
                target.flush();
            }
        } catch (EOFException e) {
            err.println("followup: the running daemon closed the connection before the command finished");
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("followup: cannot talk to the running daemon: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.warn("command socket {}: accept failed: {}", path, e.toString());
                continue;
            }
            try {
                workers.execute(() -> serve(client));
            } catch (RejectedExecutionException e) {
                refuse(client, "the daemon is busy with " + CONCURRENT + " other commands; try again");
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().equals(owner)) {
                log.warn("command socket {}: refused a command from user {}", path, peer.user().getName());
                reply(client, ERR, ("followup: only " + owner.getName() + " may run commands in this daemon\n")
                        .getBytes(StandardCharsets.UTF_8));
                replyExit(client, 1);
                return;
            }
            DataInputStream request = new DataInputStream(Channels.newInputStream(client));
            if (request.readInt() != MAGIC) {
                return;
            }
            Path workingDirectory = Path.of(request.readUTF());
            int count = request.readInt();
            if (count < 0 || count > MAX_ARGUMENTS) {
                return;
            }
            List<String> args = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                args.add(request.readUTF());
            }
            PrintWriter out = writer(client, OUT);
            PrintWriter err = writer(client, ERR);
            int code;
            try {
                code = runner.run(args.toArray(String[]::new), workingDirectory, out, err);
            } finally {
                out.flush();
                err.flush();
            }
            replyExit(client, code);
        } catch (EOFException e) {
            log.debug("command socket {}: client left early", path);
        } catch (IOException | RuntimeException e) {
            log.warn("command socket {}: command failed: {}", path, e.toString());
        }
    }

    private static PrintWriter writer(SocketChannel client, byte kind) {
        OutputStream frames = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                byte[] chunk = new byte[length];
                System.arraycopy(bytes, offset, chunk, 0, length);
                reply(client, kind, chunk);
            }
        };
        return new PrintWriter(new OutputStreamWriter(new BufferedOutputStream(frames, 8192),
                StandardCharsets.UTF_8), false);
    }

    private static void reply(SocketChannel client, byte kind, byte[] bytes) throws IOException {
        synchronized (client) {
            DataOutputStream frame = new DataOutputStream(Channels.newOutputStream(client));
            frame.writeByte(kind);
            frame.writeInt(bytes.length);
            frame.write(bytes);
            frame.flush();
        }
    }

    private static void replyExit(SocketChannel client, int code) throws IOException {
        synchronized (client) {
            DataOutputStream frame = new DataOutputStream(Channels.newOutputStream(client));
            frame.writeByte(EXIT);
            frame.writeInt(code);
            frame.flush();
        }
    }

    private void refuse(SocketChannel client, String message) {
        try (client) {
            reply(client, ERR, ("followup: " + message + "\n").getBytes(StandardCharsets.UTF_8));
            replyExit(client, 1);
        } catch (IOException e) {
            log.debug("command socket {}: cannot refuse a client: {}", path, e.toString());
        }
    }

    /** Stops accepting commands and removes the socket file; commands already running finish. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            log.debug("command socket {}: close: {}", path, e.toString());
        }
        workers.shutdown();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("command socket {}: cannot remove: {}", path, e.toString());
        }
    }
}
