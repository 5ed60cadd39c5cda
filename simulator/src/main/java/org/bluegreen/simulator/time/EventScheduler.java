package org.bluegreen.simulator.time;

import org.bluegreen.testkit.aws.MutableClock;

import java.time.Instant;
import java.util.PriorityQueue;

/**
 * The simulated clock's driver: a queue of events ordered by time, then by {@link Priority}, then by the order
 * they were scheduled. Running an event moves the {@link MutableClock} (which the AWS fakes and the rotator's log
 * read) to the event's time. Nothing here waits for real time, so a run is as fast as its database work and
 * depends only on the seed.
 *
 * <p>Re-entrant: an event may call {@link #runUntil} itself. A rotation does, to let the fleet go on logging in
 * during the gaps between the steps that Secrets Manager invokes one after another.
 */
public final class EventScheduler {

    /** Order of events at the same instant: state changes first, then what observes them. */
    public enum Priority {
        /** A rotation or one of its steps. */
        ROTATION,
        /** A task stops: at its stop instant it no longer logs in. */
        TASK_STOP,
        /** A task starts and reads its secret. */
        TASK_START,
        /** A task opens a database connection. */
        LOGIN
    }

    private record Event(Instant at, Priority priority, long sequence, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = at.compareTo(o.at);
            if (c == 0) {
                c = priority.compareTo(o.priority);
            }
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    private final MutableClock clock;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long sequence;

    public EventScheduler(MutableClock clock) {
        this.clock = clock;
    }

    public MutableClock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public void at(Instant when, Priority priority, Runnable action) {
        if (when.isBefore(now())) {
            throw new IllegalArgumentException("cannot schedule in the past: " + when + " < " + now());
        }
        queue.add(new Event(when, priority, sequence++, action));
    }

    /**
     * Runs every event due strictly before {@code end}, in order, then sets the clock to {@code end}. An event at
     * exactly {@code end} stays queued, so whatever the caller does at {@code end} comes first (see {@link Priority}).
     */
    public void runUntil(Instant end) {
        while (!queue.isEmpty() && queue.peek().at().isBefore(end)) {
            Event e = queue.poll();
            clock.set(e.at());
            e.action().run();
        }
        if (end.isAfter(now())) {
            clock.set(end);
        }
    }

    /** Events still queued (e.g. logins past the end of the simulation). */
    public int pending() {
        return queue.size();
    }
}
