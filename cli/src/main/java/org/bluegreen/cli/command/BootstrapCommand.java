package org.bluegreen.cli.command;

import org.bluegreen.cli.BluegreenCli;
import org.bluegreen.cli.CliContext;
import org.bluegreen.cli.bootstrap.Bootstrap;
import org.bluegreen.cli.bootstrap.BootstrapPlan;
import org.bluegreen.cli.bootstrap.BootstrapPlanner;
import org.bluegreen.cli.bootstrap.BootstrapView;
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
                "so that a new pair can rotate. A user that already logs in is left alone; in self-service mode it",
                "prints what to run instead. Without --yes it only shows what it found and would do: nothing changes."})
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
        BootstrapPlan plan = new BootstrapPlanner(options.reader(root), db).inspect(options.blue(), options.green());
        List<Bootstrap.Applied> applied = yes && plan.blockers().isEmpty() ? Bootstrap.apply(plan, db) : List.of();
        context.out().print(options.json() ? BootstrapView.json(plan, applied, yes) + "\n" : BootstrapView.text(plan, applied, yes));
        // Without --yes, a plan bootstrap can apply by itself is a success too.
        boolean failed = !plan.blockers().isEmpty() || !plan.manual().isEmpty() || applied.stream().anyMatch(a -> !a.ok());
        return failed ? BluegreenCli.FAILED : BluegreenCli.OK;
    }
}
