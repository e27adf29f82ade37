package io.followup.bench;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;

/**
 * GreenMail whose IMAP server sets {@code TCP_NODELAY} on every connection it accepts. GreenMail writes an IMAP
 * response's untagged lines and its tagged line as separate small writes; without {@code TCP_NODELAY} the second
 * waits (Nagle) for the ACK of the first, which the client delays by up to 40 ms: ~40 ms an IMAP exchange that a
 * server writing a response at once (or with {@code TCP_NODELAY}) does not pay. The same IMAP handler as
 * GreenMail's own {@code ImapServer} (which is final), only the socket option differs. Use {@link #imapPort()}, not
 * {@code getImap()} (which casts to {@code ImapServer}).
 */
final class NoDelayGreenMail extends GreenMail {

    NoDelayGreenMail(ServerSetup[] setups) {
        super(setups);
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
        Map<String, AbstractServer> services = super.createServices(setups, managers);
        for (ServerSetup setup : setups) {
            if (ServerSetup.PROTOCOL_IMAP.equals(setup.getProtocol())) {
                services.put(setup.getProtocol(), new NoDelayImapServer(setup, managers));
            }
        }
        return services;
    }

    int imapPort() {
        return services.get(ServerSetup.PROTOCOL_IMAP).getPort();
    }

    /** The IMAP port of {@code mail}, whichever of the two it is. */
    static int imapPort(GreenMail mail) {
        return mail instanceof NoDelayGreenMail noDelay ? noDelay.imapPort() : mail.getImap().getPort();
    }

    private static final class NoDelayImapServer extends AbstractServer {

        NoDelayImapServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket socket) {
            try {
                socket.setTcpNoDelay(true);
            } catch (SocketException e) {
                throw new UncheckedIOException(e);
            }
            return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), socket);
        }
    }
}
