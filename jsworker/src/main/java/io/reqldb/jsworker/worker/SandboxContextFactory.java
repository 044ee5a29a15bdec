package io.reqldb.jsworker.worker;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;

/**
 * Rhino contexts for untrusted scripts: interpreted (so that an instruction observer can stop any
 * loop at its deadline), a bounded interpreter stack (deep recursion is a script error, not a
 * heap filled with frames), and a class shutter that admits no Java class at all, so that even a
 * way around the safe standard objects finds nothing to call.
 */
final class SandboxContextFactory extends ContextFactory {
    /** Calls deeper than this end the script with QuickJS's "InternalError: stack overflow". */
    private static final int MAX_STACK_DEPTH = 10_000;
    /** How often, in interpreted instructions, the deadline is looked at. */
    private static final int CHECK_EVERY = 10_000;

    /** Thrown inside Rhino when a script's time is up; an Error, so no script can catch it. */
    static final class Timeout extends Error {
        Timeout() {
            super(null, null, false, false);
        }
    }

    private static final class TimedContext extends Context {
        long deadline;

        TimedContext(ContextFactory f) {
            super(f);
        }
    }

    /** Enters a context on this thread that gives up at {@code deadline} ({@link System#nanoTime()}). */
    Context enter(long deadline) {
        TimedContext cx = (TimedContext) enterContext();
        cx.deadline = deadline;
        return cx;
    }

    @Override
    protected Context makeContext() {
        TimedContext cx = new TimedContext(this);
        cx.setOptimizationLevel(-1);
        cx.setLanguageVersion(Context.VERSION_ES6);
        cx.setMaximumInterpreterStackDepth(MAX_STACK_DEPTH);
        cx.setInstructionObserverThreshold(CHECK_EVERY);
        cx.setClassShutter(className -> false);
        return cx;
    }

    @Override
    protected boolean hasFeature(Context cx, int featureIndex) {
        // No script may reach Java members through wrapped objects, whatever Rhino's defaults.
        if (featureIndex == Context.FEATURE_ENHANCED_JAVA_ACCESS) {
            return false;
        }
        return super.hasFeature(cx, featureIndex);
    }

    @Override
    protected void observeInstructionCount(Context cx, int instructionCount) {
        if (System.nanoTime() - ((TimedContext) cx).deadline > 0) {
            throw new Timeout();
        }
    }
}
