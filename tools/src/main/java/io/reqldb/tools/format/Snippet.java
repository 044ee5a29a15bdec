package io.reqldb.tools.format;

/** Cuts text for error messages the way the official JSON reader does. */
final class Snippet {
    private static final int LIMIT = 100;

    private Snippet() {}

    /** {@code <<first 100 chars>>} plus {@code " and N more characters"} when longer. */
    static String of(String text) {
        if (text.length() <= LIMIT) {
            return "<<" + text + ">>";
        }
        return "<<" + text.substring(0, LIMIT) + ">> and " + (text.length() - LIMIT) + " more characters";
    }
}
