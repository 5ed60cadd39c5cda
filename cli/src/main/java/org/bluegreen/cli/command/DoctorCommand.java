package org.bluegreen.cli.command;

import org.bluegreen.cli.BluegreenCli;
import org.bluegreen.cli.CliContext;
import org.bluegreen.cli.doctor.CheckResult;
import org.bluegreen.cli.doctor.Doctor;
import org.bluegreen.cli.doctor.DoctorView;
import org.bluegreen.cli.doctor.Facts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** Checks every condition the next rotation depends on; exits 0 only if nothing FAILs. Changes nothing. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check everything the next rotation depends on: PASS, WARN or FAIL, each with its fix.",
                "Logs in to the database with each secret's AWSCURRENT; changes nothing. Exit status 0 only if nothing FAILs."})
public final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    private BluegreenCli root;

    @Mixin
    private PairOptions options;

    @Override
    public Integer call() {
        CliContext context = root.context();
        Facts facts = new Facts(options.reader(context), options.databaseAccess(context), options.blue(), options.green(),
                context.clock().instant());
        List<CheckResult> results = new Doctor(Doctor.allChecks()).examine(facts);
        context.out().print(options.json()
                ? DoctorView.json(results) + "\n"
                : DoctorView.text(options.blue(), options.green(), results));
        return Doctor.ok(results) ? BluegreenCli.OK : BluegreenCli.FAILED;
    }
}
