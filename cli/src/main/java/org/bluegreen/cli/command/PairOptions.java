package org.bluegreen.cli.command;

import org.bluegreen.cli.BluegreenCli;
import org.bluegreen.cli.CliContext;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.rotator.rotation.DatabaseAccess;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How every command names a pair: its two secrets, plus any override of the stack's settings ({@link SettingsOptions}). */
public final class PairOptions {

    @Option(names = "--blue", required = true, paramLabel = "SECRET", description = "Name or ARN of the blue slot's secret.")
    String blue;

    @Option(names = "--green", required = true, paramLabel = "SECRET", description = "Name or ARN of the green slot's secret.")
    String green;

    @Mixin
    SettingsOptions settings;

    public String blue() {
        return blue;
    }

    public String green() {
        return green;
    }

    public boolean json() {
        return settings.json();
    }

    public PairReader reader(BluegreenCli root) {
        return settings.reader(root);
    }

    public DatabaseAccess databaseAccess(CliContext context) {
        return settings.databaseAccess(context);
    }
}
