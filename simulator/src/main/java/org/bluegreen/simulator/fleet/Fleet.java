package org.bluegreen.simulator.fleet;

import org.bluegreen.simulator.time.EventScheduler;
import org.bluegreen.simulator.time.EventScheduler.Priority;
import org.bluegreen.simulator.time.Jitter;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app's running tasks. A task logs in when it starts (and keeps that session), then once every
 * {@code loginInterval} at a seeded phase, until it stops. Every attempt is a real JDBC login, counted.
 */
public final class Fleet {

    private final EventScheduler scheduler;
    private final CredentialReader credentials;
    private final Duration loginInterval;
    private final Jitter jitter;
    private final List<String> slots;
    private final FleetObserver observer;
    private final String applicationName;
    private final LoginClient loginClient;
    private final List<AppTask> running = new ArrayList<>();
    private final List<AppTask> all = new ArrayList<>();
    /** The password the database holds for each user, as far as rotations told us: a task with another is stale. */
    private final Map<String, String> databasePasswords = new HashMap<>();
    private int nextSerial = 1;

    /**
     * @param slots           the slots to count tasks on, in display order ({@code blue, green} or the single user)
     * @param applicationName shown in pg_stat_activity (MySQL: the program_name connection attribute), so an
     *                        operator can tell the simulation's sessions apart
     */
    public Fleet(EventScheduler scheduler, CredentialReader credentials, Duration loginInterval, Jitter jitter,
                 List<String> slots, FleetObserver observer, String applicationName, LoginClient loginClient) {
        this.scheduler = scheduler;
        this.credentials = credentials;
        this.loginInterval = loginInterval;
        this.jitter = jitter;
        this.slots = List.copyOf(slots);
        this.observer = observer;
        this.applicationName = applicationName;
        this.loginClient = loginClient;
    }

    /** Starts a task of {@code deploymentId} now: it reads pointer and secret once, then logs in. */
    public AppTask startTask(String deploymentId) {
        int serial = nextSerial++;
        Credentials read = credentials.read();
        AppTask task = new AppTask(serial, deploymentId, scheduler.now(), read);
        String dbPassword = databasePasswords.get(read.secret().username());
        if (dbPassword != null && !dbPassword.equals(read.secret().password())) {
            task.markStale(scheduler.now());
        }
        running.add(task);
        all.add(task);
        observer.tasksChanged(scheduler.now(), tasksPerSlot());
        // The app connects on boot, then keeps opening connections at its steady rate, at its own phase.
        scheduler.at(scheduler.now(), Priority.LOGIN, () -> login(task));
        Duration phase = Duration.ofMillis((long) (loginInterval.toMillis() * jitter.unit("login-phase", serial)));
        scheduleLogin(task, scheduler.now().plus(phase));
        return task;
    }

    /** ECS stops the task: its sessions close and it logs in no more. */
    public void stopTask(AppTask task) {
        if (!task.running()) {
            return;
        }
        task.stop(scheduler.now());
        running.remove(task);
        observer.tasksChanged(scheduler.now(), tasksPerSlot());
    }

    /** ECS deregistered the task from the load balancer; it still runs (and logs in) until it stops. */
    public void markDraining(AppTask task) {
        task.markDraining();
    }

    /**
     * The database now holds {@code password} for {@code username} (a setSecret step ran): every running task with
     * another password for that user is stale from now on.
     */
    public void passwordChanged(String username, String password) {
        databasePasswords.put(username, password);
        for (AppTask t : running) {
            if (t.credentials().secret().username().equals(username) && !t.credentials().secret().password().equals(password)) {
                t.markStale(scheduler.now());
            }
        }
    }

    public List<AppTask> running() {
        return List.copyOf(running);
    }

    public Map<String, Integer> tasksPerSlot() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        slots.forEach(s -> counts.put(s, 0));
        running.forEach(t -> counts.merge(t.slot(), 1, Integer::sum));
        return counts;
    }

    /** Total time tasks spent holding a password the database rejects, up to {@code until}. */
    public Duration staleTaskTime(Instant until) {
        return all.stream().map(t -> t.staleTime(until)).reduce(Duration.ZERO, Duration::plus);
    }

    /** The windows in which some task held a rejected password, up to {@code until}. */
    public List<Outage> outages(Instant until) {
        return Outage.of(all, until);
    }

    /** Closes the sessions of the tasks still running (the end of the simulation). */
    public void closeSessions() {
        running.forEach(AppTask::closeSession);
    }

    private void scheduleLogin(AppTask task, Instant at) {
        scheduler.at(at, Priority.LOGIN, () -> {
            if (task.running()) {
                login(task);
                scheduleLogin(task, at.plus(loginInterval));
            }
        });
    }

    private void login(AppTask task) {
        if (!task.running()) {
            return;
        }
        observer.loginAttempted(scheduler.now(), task);
        AutoCloseable session;
        try {
            session = loginClient.login(task.credentials().secret(), applicationName + "-task-" + task.serial());
        } catch (LoginRejectedException e) {
            observer.loginFailed(scheduler.now(), task, e.getSQLState());
            return;
        } catch (SQLException e) {
            throw new SimulationDatabaseException("task " + task.serial() + " could not reach the database: "
                    + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
        }
        // The first session stays open for the task's life, as a pool's idle connection does.
        if (!task.holdsSession()) {
            task.hold(session);
        } else {
            AppTask.closeQuietly(session);
        }
    }

    /** The database failed for a reason that is not a rejected login: the run cannot go on meaningfully. */
    public static final class SimulationDatabaseException extends RuntimeException {
        SimulationDatabaseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
