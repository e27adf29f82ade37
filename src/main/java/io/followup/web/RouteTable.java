package io.followup.web;

import io.javalin.Javalin;

/** The routes of one area of the web UI, all registered in one place so the whole table reads at a glance. */
public interface RouteTable {

    /** Registers this area's routes. */
    void addTo(Javalin app);
}
