package io.reqldb.jsworker.worker;

import java.io.FilePermission;
import java.net.SocketPermission;
import java.security.Permission;

/**
 * A second wall behind Rhino's: once the worker is running, the JVM itself refuses to start a
 * process, write, delete or execute a file, open or accept a connection, load a native library,
 * replace this security manager, or exit (save the thread that follows the server's death). The
 * scripts cannot reach any Java class in the first place (the class shutter); this holds should
 * a flaw in Rhino ever let one through.
 *
 * <p>Reading files stays allowed: the JVM loads classes from its jar and modules lazily, and the
 * check cannot tell the class loader's reads from a script's. Java 17 still has security managers
 * (deprecated, JEP 411; the warning goes to the worker's discarded standard error); a JVM without
 * them (Java 24 and later) runs the worker behind the first wall only.
 */
final class WorkerLockdown extends SecurityManager {
    private final Thread exitAllowed;

    private WorkerLockdown(Thread exitAllowed) {
        this.exitAllowed = exitAllowed;
    }

    @SuppressWarnings("removal")
    static void apply(Thread exitAllowed) {
        try {
            System.setSecurityManager(new WorkerLockdown(exitAllowed));
        } catch (UnsupportedOperationException e) {
            System.err.println("reqldb js worker: no security manager in this JVM; running without one");
        }
    }

    @Override
    public void checkPermission(Permission perm) {
        if (refused(perm)) {
            throw new SecurityException("refused in a JavaScript worker: " + perm);
        }
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        checkPermission(perm);
    }

    private boolean refused(Permission perm) {
        if (perm instanceof FilePermission) {
            return !perm.getActions().equals("read");
        }
        if (perm instanceof SocketPermission) {
            return true;
        }
        if (perm instanceof RuntimePermission) {
            String name = perm.getName();
            if (name.startsWith("exitVM")) {
                return Thread.currentThread() != exitAllowed;
            }
            return name.equals("setSecurityManager") || name.equals("setIO") || name.startsWith("loadLibrary");
        }
        return false;
    }
}
