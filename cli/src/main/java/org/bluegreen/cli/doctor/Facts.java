package org.bluegreen.cli.doctor;

import org.bluegreen.cli.CliException;
import org.bluegreen.cli.aws.SecretListing;
import org.bluegreen.cli.aws.AwsUnreachable;
import org.bluegreen.cli.aws.LabelledVersion;
import org.bluegreen.cli.aws.RotationSchedule;
import org.bluegreen.cli.pair.Pair;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.cli.aws.RdsProxies;
import org.bluegreen.cli.pair.Role;
import org.bluegreen.cli.pair.Slot;
import org.bluegreen.cli.pair.StackSettings;
import org.bluegreen.contract.Stage;
import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.aws.ServiceState;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.config.PairConfig;
import org.bluegreen.rotator.rotation.DatabaseAccess;
import org.bluegreen.rotator.rotation.Login;
import org.bluegreen.rotator.rotation.RotationException;
import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the checks look at, each read at most once and only when a check asks. A fact that cannot be read is
 * remembered as its error: the check responsible for it reports FAIL, the others {@link NotChecked}.
 */
public final class Facts {

    private final PairReader reader;
    private final DatabaseAccess database;
    private final Map<Role, String> secretIds;
    private final Instant now;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, RuntimeException> errors = new HashMap<>();
    private AwsUnreachable unreachable;
    private Supplier<List<RdsProxies.Proxy>> proxies;

    public Facts(PairReader reader, DatabaseAccess database, String blueId, String greenId, Instant now) {
        this.reader = reader;
        this.database = database;
        this.secretIds = Map.of(Role.BLUE, blueId, Role.GREEN, greenId);
        this.now = now;
    }

    /** What ListSecrets already said of a secret: the doctor then needs no DescribeSecret for it. */
    public Facts withListing(Role role, SecretListing listing) {
        values.put("listing " + role, listing);
        return this;
    }

    /** The pair's services, described in a batch with other pairs' (DescribeServices takes 10 at a time). */
    public Facts withServices(List<ServiceState> described) {
        values.put("services", described);
        return this;
    }

    /** The RDS proxies, read once for many pairs (any failure then counts for each pair alike). */
    public Facts withProxies(Supplier<List<RdsProxies.Proxy>> shared) {
        this.proxies = shared;
        return this;
    }

    public Instant now() {
        return now;
    }

    /** The settings of the function that rotates the pair (its environment, flags over it). */
    public FunctionSettings settings() {
        return stack().settings();
    }

    private StackSettings stack() {
        return memo("stack", () -> reader.settings(listing(Role.BLUE), listing(Role.GREEN)));
    }

    private SecretListing listing(Role role) {
        return memo("listing " + role, () -> reader.describe(secretIds.get(role)));
    }

    public DatabaseAccess database() {
        return database;
    }

    public String secretId(Role role) {
        return secretIds.get(role);
    }

    public SecretMetadata meta(Role role) {
        return listing(role).meta();
    }

    public PairConfig config(Role role) {
        return memo("config " + role, () -> reader.config(stack(), meta(role)));
    }

    public Slot slot(Role role) {
        return new Slot(role, meta(role), rotation(role), settings(), config(role));
    }

    /** Both slots, when the rotation's pair rule accepts them. */
    public Pair pair() {
        return memo("pair", () -> reader.pair(listing(Role.BLUE), listing(Role.GREEN)));
    }

    public RotationSchedule rotation(Role role) {
        return listing(role).rotation();
    }

    public List<LabelledVersion> versions(Role role) {
        return memo("versions " + role, () -> reader.versions(meta(role)));
    }

    public DbSecret current(Role role) {
        return memo("current " + role, () -> reader.current(meta(role)));
    }

    /** Another version's value, by label (AWSPENDING, AWSPREVIOUS); empty when there is none. */
    public Optional<DbSecret> labelled(Role role, Stage stage) {
        return memo(stage + " " + role, () -> reader.labelled(meta(role), stage));
    }

    public Optional<DbSecret> admin(Role role) {
        return memo("admin " + role, () -> reader.admin(settings(), meta(role), current(role)));
    }

    public PointerState pointer() {
        return memo("pointer", () -> reader.pointer(pair().pointerParameter()));
    }

    /** The role whose slot the pointer names; empty when it names neither. */
    public Optional<Role> liveRole() {
        return pair().named(pointer().slot()).map(Slot::role);
    }

    public List<ServiceState> services() {
        return memo("services", () -> reader.services(pair().cluster(), pair().services()));
    }

    public List<RdsProxies.Proxy> proxies() {
        return memo("proxies", proxies != null ? proxies : reader::proxies);
    }

    /** How logging in with the slot's AWSCURRENT went (the connection is closed again). */
    public DatabaseAccess.Attempt login(Role role) {
        return memo("login " + role, () -> database.attempt(current(role)));
    }

    /**
     * A session that can read the catalog of {@code role}'s database: first whoever the rotation would log in as for
     * privileged work ({@link Login#privileged}: the admin from {@code masterarn}, else the user with AWSCURRENT,
     * then AWSPREVIOUS), else the other slot's user on the same database. The caller closes it.
     */
    public Connection catalogSession(Role role) {
        DbSecret current = current(role);
        List<Login> candidates = new ArrayList<>();
        try {
            candidates.addAll(Login.privileged(current, () -> new Login(admin(role).orElseThrow(), Login.ADMIN),
                    () -> labelled(role, Stage.PREVIOUS)));
        } catch (NotChecked unreadable) {
            // the admin or AWSPREVIOUS cannot be read: the users themselves may still do
        }
        if (current.masterArn() != null || candidates.isEmpty()) {
            candidates.add(new Login(current, Stage.CURRENT.label()));
        }
        Role other = role.other();
        if (DatabaseAccess.sameDatabase(current, current(other)) && login(other).loggedIn()) {
            candidates.add(new Login(current(other), "AWSCURRENT of " + meta(other).name()));
        }
        try {
            return database.openFirstThatLogsIn(candidates);
        } catch (RotationException e) {
            throw new NotChecked(e.getMessage() + " (see login)", e);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T memo(String key, Supplier<T> read) {
        if (unreachable != null && !values.containsKey(key)) {
            throw new NotChecked("AWS was not reached (see above)");
        }
        RuntimeException error = errors.get(key);
        if (error != null) {
            throw new NotChecked(describe(error), error);
        }
        if (values.containsKey(key)) {
            return (T) values.get(key);
        }
        try {
            T value = read.get();
            values.put(key, value);
            return value;
        } catch (RuntimeException e) {
            errors.put(key, e);
            if (e instanceof AwsUnreachable u) {
                unreachable = u; // every other call would fail alike: one failure, the rest not checked
            }
            throw new NotChecked(describe(e), e);
        }
    }

    /** A message for any error: ours and the rotator's already name what is wrong. */
    public static String describe(RuntimeException e) {
        if (e instanceof CliException || e instanceof NotChecked) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
