package io.reqldb.tools.cli;

import io.reqldb.tools.ToolException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** For commands that take options only: stray words are refused as the official tools refuse them. */
final class NoPositionalArguments {
    @Parameters(hidden = true)
    List<String> positional = new ArrayList<>();

    void check() {
        if (!positional.isEmpty()) {
            throw ToolException.usage("No positional arguments supported. Unrecognized option(s): " + positional);
        }
    }
}
