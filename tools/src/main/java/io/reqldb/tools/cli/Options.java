package io.reqldb.tools.cli;

import io.reqldb.tools.ToolException;

/** Value checks shared by the commands, with the official messages. */
final class Options {
    private Options() {}

    /** The official pos_int check (its text says "greater than 1" but 1 is accepted). */
    static void positive(String option, int value) {
        if (value < 1) {
            throw ToolException.usage(option + " value must be an integer greater than 1: " + value);
        }
    }

    /** {@link #positive} for an option that may be absent. */
    static void positiveIfGiven(String option, Integer value) {
        if (value != null) {
            positive(option, value);
        }
    }

    /** {@code --delimiter}: one character, or the two characters backslash-t for TAB. */
    static char delimiter(String value) {
        if (value.equals("\\t")) {
            return '\t';
        }
        if (value.length() != 1) {
            throw ToolException.usage("Specify exactly one character for the --delimiter option: " + value);
        }
        return value.charAt(0);
    }
}
