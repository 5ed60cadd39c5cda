package org.bluegreen.cli;

/** {@code java -jar bluegreen-cli.jar <command> ...}: real AWS through the SDK's default chains. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(BluegreenCli.run(CliContext.system(), args));
    }
}
