package io.reqldb.jsworker.worker;

import io.reqldb.jsworker.wire.Protocol;
import io.reqldb.jsworker.wire.WireReader;
import io.reqldb.jsworker.wire.WireWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mozilla.javascript.CompilerEnvirons;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Node;
import org.mozilla.javascript.Parser;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ast.AstRoot;
import org.mozilla.javascript.ast.ErrorCollector;
import org.mozilla.javascript.ast.FunctionNode;

/**
 * Runs the server's requests in Rhino and writes the replies. Each evaluation gets a fresh global
 * scope holding only the safe standard objects (no {@code Packages}, {@code java},
 * {@code importPackage} or {@code getClass}). Compiled scripts are kept by source, and so are the
 * functions scripts evaluated to, as RethinkDB's workers keep them: a function's calls (one per
 * row of a {@code map}) reuse it instead of evaluating its source again.
 */
final class Sandbox {
    private static final int CACHED_SOURCES = 256;
    /** Longer sources are compiled each time: a few huge ones must not fill the worker's heap. */
    private static final int LONGEST_CACHED_SOURCE = 64 * 1024;

    private final SandboxContextFactory factory = new SandboxContextFactory();
    private final Map<String, Script> scripts = lru();
    private final Map<String, CachedFunction> functions = lru();

    private record CachedFunction(Function function, Scriptable scope) {
    }

    /** Answers one request (the body of a request frame) into {@code reply}. */
    void handle(byte[] request, WireWriter reply) {
        WireReader in = new WireReader(request);
        byte op = in.readByte();
        long timeoutMs = in.readLong();
        String source = in.readString();
        Context cx = factory.enter(deadline(timeoutMs));
        try {
            if (op == Protocol.EVAL) {
                eval(cx, source, reply);
            } else if (op == Protocol.CALL) {
                call(cx, source, in, reply);
            } else {
                throw new IllegalStateException("unknown operation " + op);
            }
        } catch (SandboxContextFactory.Timeout e) {
            reply.reset().writeByte(Protocol.TIMEOUT);
        } catch (RhinoException e) {
            error(reply, ScriptErrors.message(e));
        } catch (JsToWire.Unconvertible e) {
            error(reply, e.getMessage());
        } catch (StackOverflowError e) {
            error(reply, ScriptErrors.STACK_OVERFLOW);
        } finally {
            Context.exit();
        }
    }

    private void eval(Context cx, String source, WireWriter reply) {
        Script script = scripts.get(source);
        if (script == null) {
            rejectNamelessDeclarations(cx, source);
            script = cx.compileString(source, "rethinkdb_query", 1, null);
            if (source.length() <= LONGEST_CACHED_SOURCE) {
                scripts.put(source, script);
            }
        }
        Scriptable scope = cx.initSafeStandardObjects();
        Object value = script.exec(cx, scope);
        if (value instanceof Function f) {
            if (source.length() <= LONGEST_CACHED_SOURCE) {
                functions.put(source, new CachedFunction(f, scope));
            }
            reply.reset().writeByte(Protocol.FUNCTION);
            return;
        }
        JsToWire.write(reply.reset().writeByte(Protocol.VALUE), value);
    }

    private void call(Context cx, String source, WireReader in, WireWriter reply) {
        CachedFunction f = functions.get(source);
        if (f == null) {
            // Another worker evaluated the source first, or it left this one's cache.
            Script script = cx.compileString(source, "rethinkdb_query", 1, null);
            Scriptable scope = cx.initSafeStandardObjects();
            if (script.exec(cx, scope) instanceof Function fn) {
                f = new CachedFunction(fn, scope);
                if (source.length() <= LONGEST_CACHED_SOURCE) {
                    functions.put(source, f);
                }
            } else {
                error(reply, "Javascript query `" + source + "` returned a value when it should have returned a function.");
                return;
            }
        }
        Object[] args = new Object[in.readCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = WireToJs.read(in, cx, f.scope());
        }
        Object value = f.function().call(cx, f.scope(), f.scope(), args);
        if (value instanceof Function) {
            error(reply, "Returning functions from within `r.js` is unsupported.");
            return;
        }
        JsToWire.write(reply.reset().writeByte(Protocol.VALUE), value);
    }

    private static void error(WireWriter reply, String message) {
        reply.reset().writeByte(Protocol.ERROR).writeString(message);
    }

    /**
     * A function declaration needs a name in standard JavaScript (RethinkDB's engine reports
     * "SyntaxError: function name expected"); Rhino would accept {@code function() {}} as a statement.
     */
    private static void rejectNamelessDeclarations(Context cx, String source) {
        CompilerEnvirons env = new CompilerEnvirons();
        env.initFromContext(cx);
        env.setRecoverFromErrors(true);
        env.setIdeMode(true);
        AstRoot root = new Parser(env, new ErrorCollector()).parse(source, "rethinkdb_query", 1);
        for (Node n = root.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof FunctionNode fn && fn.getFunctionName() == null
                    && fn.getFunctionType() == FunctionNode.FUNCTION_STATEMENT) {
                throw Context.reportRuntimeError("function name expected");
            }
        }
    }

    private static long deadline(long timeoutMs) {
        if (timeoutMs <= 0) {
            return System.nanoTime();
        }
        long nanos = timeoutMs > Long.MAX_VALUE / 2_000_000 ? Long.MAX_VALUE / 2 : timeoutMs * 1_000_000;
        return System.nanoTime() + nanos;
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CACHED_SOURCES;
            }
        };
    }
}
