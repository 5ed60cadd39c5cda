package org.bluegreen.cli.command;

import org.bluegreen.cli.BluegreenCli;
import org.bluegreen.cli.CliContext;
import org.bluegreen.cli.status.PairStatus;
import org.bluegreen.cli.status.StatusReader;
import org.bluegreen.cli.status.StatusView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** Which slot is live, how each secret rotates, and what the services are doing. Reads only; no secret values. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the live slot, each secret's rotation and versions, and the ECS deployments.",
                "Reads metadata only: no secret value is fetched or printed."})
public final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    private BluegreenCli root;

    @Mixin
    private PairOptions options;

    @Override
    public Integer call() {
        CliContext context = root.context();
        PairStatus status = new StatusReader(options.reader(root), context.clock()).read(options.blue(), options.green());
        context.out().print(options.json() ? StatusView.json(status) + "\n" : StatusView.text(status));
        return status.complete() ? BluegreenCli.OK : BluegreenCli.FAILED;
    }
}
