package io.reqldb.cli.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger writing to the {@link ServerLog}: INFO is RethinkDB's {@code notice}, WARN and
 * ERROR its {@code warn} and {@code error}; DEBUG and TRACE (the libraries' chatter) are not logged.
 * An exception adds its own message, never a stack trace.
 */
final class ReqlLogger extends LegacyAbstractLogger {
    ReqlLogger(String name) {
        this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        if (throwable != null) {
            message = message + ": " + throwable;
        }
        ServerLog.get().log(switch (level) {
            case ERROR -> LogLevel.ERROR;
            case WARN -> LogLevel.WARN;
            default -> LogLevel.NOTICE;
        }, message);
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }
}
