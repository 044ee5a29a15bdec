package io.reqldb.jsworker.worker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.EcmaError;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * A script's failure as the text RethinkDB 2.4 gives: the exception's string form
 * ({@code String(e)}), with Rhino's wording of the commonest errors changed to that of RethinkDB's
 * engine (QuickJS).
 */
final class ScriptErrors {
    /** What QuickJS says when the JavaScript stack is exhausted. */
    static final String STACK_OVERFLOW = "InternalError: stack overflow";

    private static final Pattern NOT_DEFINED = Pattern.compile("\"(.*)\" is not defined\\.");
    private static final Pattern NO_PROPERTY = Pattern.compile("Cannot read property \"(.*)\" from (undefined|null)");

    private ScriptErrors() {
    }

    /** The exception as JavaScript's {@code String(e)} shows it, e.g. "ReferenceError: x is not defined". */
    static String message(RhinoException e) {
        if (e instanceof JavaScriptException js) {
            Object v = js.getValue();
            if (v instanceof Scriptable s && ScriptableObject.getProperty(s, "name") instanceof CharSequence name) {
                Object msg = ScriptableObject.getProperty(s, "message");
                String m = msg instanceof CharSequence ? msg.toString() : "";
                return m.isEmpty() ? name.toString() : name + ": " + m;
            }
            return Context.toString(v);
        }
        if (e instanceof EcmaError ecma) {
            return ecma.getName() + ": " + standardWording(ecma.getErrorMessage());
        }
        if (e instanceof EvaluatorException ev) {
            if (ev.details().startsWith("Exceeded maximum stack depth")) {
                return STACK_OVERFLOW;
            }
            return "SyntaxError: " + ev.details();
        }
        return e.details();
    }

    private static String standardWording(String message) {
        Matcher m = NOT_DEFINED.matcher(message);
        if (m.matches()) {
            return "'" + m.group(1) + "' is not defined";
        }
        m = NO_PROPERTY.matcher(message);
        if (m.matches()) {
            return "cannot read property '" + m.group(1) + "' of " + m.group(2);
        }
        return message;
    }
}
