package org.bluegreen.cli.command;

import org.bluegreen.cli.BluegreenCli;
import org.bluegreen.cli.CliContext;
import org.bluegreen.cli.bootstrap.Bootstrap;
import org.bluegreen.cli.bootstrap.BootstrapPlan;
import org.bluegreen.cli.bootstrap.BootstrapPlanner;
import org.bluegreen.cli.bootstrap.BootstrapView;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.rotator.rotation.DatabaseAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** Gives a freshly deployed pair's users their first passwords; changes something only with {@code --yes}. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = {"Set each user's database password to its secret's AWSCURRENT value, as the admin from masterarn,",
                "so that a new pair can rotate, and write the stack's connection fields (engine, host, port, dbname,",
                "username, masterarn) into a secret that lacks them or names an old endpoint, its password unchanged.",
                "The rotation's own rules run first; a refused slot changes nothing. A user that already logs in is",
                "left alone; in self-service mode it prints what to run instead. Without --yes nothing changes."})
public final class BootstrapCommand implements Callable<Integer> {

    @ParentCommand
    private BluegreenCli root;

    @Mixin
    private PairOptions options;

    @Option(names = "--yes", description = "Apply the plan (set the passwords as the admin).")
    private boolean yes;

    @Override
    public Integer call() {
        CliContext context = root.context();
        DatabaseAccess db = options.databaseAccess(context);
        PairReader reader = options.reader(root);
        BootstrapPlan plan = new BootstrapPlanner(reader, db).inspect(options.blue(), options.green());
        List<Bootstrap.Applied> applied = yes && !plan.blocked() ? Bootstrap.apply(plan, db, reader.secretStore()) : List.of();
        context.out().print(options.json() ? BootstrapView.json(plan, applied, yes) + "\n" : BootstrapView.text(plan, applied, yes));
        // Without --yes, a plan bootstrap can apply by itself is a success too.
        boolean failed = plan.blocked() || !plan.manual().isEmpty() || applied.stream().anyMatch(a -> !a.ok());
        return failed ? BluegreenCli.FAILED : BluegreenCli.OK;
    }
}
