package io.reqldb.tools.cli;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code --version}: {@code <command> <version>}, like the official tools. */
public final class ToolVersion implements IVersionProvider {
    @Spec CommandSpec spec;

    @Override
    public String[] getVersion() {
        String version = ToolVersion.class.getPackage().getImplementationVersion();
        return new String[] {spec.name() + " " + (version == null ? "0.1.0-SNAPSHOT" : version)};
    }
}
