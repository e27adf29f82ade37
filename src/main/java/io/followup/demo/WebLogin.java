package io.followup.demo;

import io.followup.web.Passwords;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;

/** The demo's web login: a user {@value #USER} with a random password, and the port to listen on. */
final class WebLogin {

    static final String USER = "demo";
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 14;
    private static final int DEMO_COST = 10;

    private WebLogin() {
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    static String hash(String password) {
        return new Passwords(DEMO_COST).hash(password.toCharArray());
    }

    /** 8080 when it is free on 127.0.0.1, else 0 (any free port). */
    static int port8080OrFree() {
        try (ServerSocket probe = new ServerSocket(8080, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
            return 8080;
        } catch (IOException taken) {
            return 0;
        }
    }
}
