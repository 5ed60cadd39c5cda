package org.bluegreen.simulator.fleet;

import org.bluegreen.rotator.secret.DbSecret;

/** What a task read when it started: the slot the pointer named (or the app's only user) and that slot's secret. */
public record Credentials(String slot, DbSecret secret) {
}
