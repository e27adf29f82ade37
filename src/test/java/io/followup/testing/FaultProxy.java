package io.followup.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on a loopback port in front of a real server (e.g. Dovecot) that drops connections on demand: all of
 * them at once ({@link #dropAll()}, e.g. during an IMAP IDLE), or once the client has sent a given command and the
 * server has started to answer it ({@link #dropDuring}, e.g. in the middle of a FETCH literal). Thread-safe.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Pair> pairs = new CopyOnWriteArrayList<>();
    private final AtomicReference<Trap> trap = new AtomicReference<>();
    private final AtomicInteger drops = new AtomicInteger();
    private final Thread acceptor;

    /** A one-shot drop: after the client sent {@code marker}, let {@code serverBytes} bytes of the answer through. */
    private record Trap(String marker, int serverBytes) {
    }

    public FaultProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.acceptor = new Thread(this::accept, "fault-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many connections the proxy has dropped on purpose. */
    public int drops() {
        return drops.get();
    }

    /** Closes every open connection now (both sides), as a network failure would. */
    public void dropAll() {
        pairs.forEach(pair -> {
            pair.close();
            drops.incrementAndGet();
        });
    }

    /**
     * Arms a one-shot drop: the first connection whose client sends {@code marker} is closed after
     * {@code serverBytes} bytes of what the server sends next.
     */
    public void dropDuring(String marker, int serverBytes) {
        trap.set(new Trap(marker, serverBytes));
    }

    /** True while an armed {@link #dropDuring} has not fired. */
    public boolean armed() {
        return trap.get() != null;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Pair pair = new Pair(client, upstream);
                pairs.add(pair);
                pair.start();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        pairs.forEach(Pair::close);
    }

    private final class Pair {
        private final Socket client;
        private final Socket upstream;
        private final AtomicInteger serverBytesLeft = new AtomicInteger(-1);

        Pair(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            thread("up", () -> pump(client, upstream, true));
            thread("down", () -> pump(upstream, client, false));
        }

        private void thread(String direction, Runnable body) {
            Thread thread = new Thread(body, "fault-proxy-" + direction + "-" + client.getPort());
            thread.setDaemon(true);
            thread.start();
        }

        private void pump(Socket from, Socket to, boolean fromClient) {
            byte[] buffer = new byte[8192];
            StringBuilder recent = new StringBuilder();
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (fromClient) {
                        recent.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                        Trap armed = trap.get();
                        if (armed != null && recent.indexOf(armed.marker()) >= 0 && trap.compareAndSet(armed, null)) {
                            serverBytesLeft.set(armed.serverBytes());
                        }
                        if (recent.length() > 4096) {
                            recent.delete(0, recent.length() - 256);
                        }
                        out.write(buffer, 0, read);
                    } else {
                        int left = serverBytesLeft.get();
                        if (left >= 0 && read >= left) {
                            out.write(buffer, 0, left);
                            out.flush();
                            drops.incrementAndGet();
                            close();
                            return;
                        }
                        if (left >= 0) {
                            serverBytesLeft.addAndGet(-read);
                        }
                        out.write(buffer, 0, read);
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // the other side or a drop closed the connection
            } finally {
                close();
            }
        }

        void close() {
            pairs.remove(this);
            closeQuietly(client);
            closeQuietly(upstream);
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
