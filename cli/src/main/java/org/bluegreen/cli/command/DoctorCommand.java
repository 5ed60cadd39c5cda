package org.bluegreen.cli.command;

import org.bluegreen.cli.BluegreenCli;
import org.bluegreen.cli.CliContext;
import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Doctor;
import org.bluegreen.cli.doctor.DoctorView;
import org.bluegreen.cli.doctor.Facts;
import org.bluegreen.cli.fleet.FleetDoctor;
import org.bluegreen.cli.fleet.FleetDoctorView;
import org.bluegreen.cli.fleet.Inventory;
import org.bluegreen.cli.pair.PairReader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** Checks every condition the next rotation depends on; exits 0 only if nothing FAILs. Changes nothing. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check everything the next rotation depends on: PASS, WARN or FAIL, each with its fix.",
                "Logs in to the database with each secret's AWSCURRENT; changes nothing. Exit status 0 only if nothing FAILs.",
                "With --all: every pair `bluegreen list` finds, one summary line each."})
public final class DoctorCommand implements Callable<Integer> {

    /** Either one pair or all of them. */
    static final class Target {
        @ArgGroup(exclusive = false)
        PairIds pair;

        @Option(names = "--all", required = true, description = "Check every pair found from the secrets' bluegreen:* tags.")
        boolean all;
    }

    static final class PairIds {
        @Option(names = "--blue", required = true, paramLabel = "SECRET", description = "Name or ARN of the blue slot's secret.")
        String blue;

        @Option(names = "--green", required = true, paramLabel = "SECRET", description = "Name or ARN of the green slot's secret.")
        String green;
    }

    @ParentCommand
    private BluegreenCli root;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    @Mixin
    private SettingsOptions options;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8",
            description = "with --all: pairs checked at once (default: ${DEFAULT-VALUE})")
    private int parallel;

    @Override
    public Integer call() {
        CliContext context = root.context();
        PairReader reader = options.reader(root);
        if (target.all) {
            Inventory inventory = Inventory.of(reader.taggedSecrets(), reader);
            List<FleetDoctor.PairReport> reports = FleetDoctor.examine(inventory, reader, options.databaseAccess(context),
                    context.clock().instant(), Doctor.allChecks(), parallel);
            context.out().print(options.json()
                    ? FleetDoctorView.json(reports, inventory.problems()) + "\n"
                    : FleetDoctorView.text(reports, inventory.problems()));
            return FleetDoctorView.ok(reports, inventory.problems()) ? BluegreenCli.OK : BluegreenCli.FAILED;
        }
        String blue = target.pair.blue;
        String green = target.pair.green;
        Facts facts = new Facts(reader, options.databaseAccess(context), blue, green, context.clock().instant());
        List<CheckResult> results = new Doctor(Doctor.allChecks()).examine(facts);
        context.out().print(options.json()
                ? DoctorView.json(results) + "\n"
                : DoctorView.text(blue, green, results));
        return Doctor.ok(results) ? BluegreenCli.OK : BluegreenCli.FAILED;
    }
}
