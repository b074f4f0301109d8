package org.citycard.kernel;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A failure that says a backing service was away for a moment, not that anything is wrong with the request or our
 * code: the database's connections all taken or refused, a statement cancelled or timed out, a lock not had, Redis
 * restarting (its connection dropped, a command cut off with it or timed out). The answer is "busy, try again in a few
 * seconds" (503 with {@code Retry-After} on the API, a friendly message in the portal), never a 500, and it is logged
 * at WARN without a stack trace, at most once a second ({@link #toLog}): a Redis restart under load would otherwise
 * write a line per request.
 *
 * <p>Recognised by the exception's class and its supertypes' names, so that modules need not depend on the drivers.
 */
public final class Busy {

    /** Seconds a client is asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 3;

    private static final Set<String> MOMENTARY = Set.of(
            // Spring's data access: transient failures (lock not acquired, query timed out, a deadlock loser) and the
            // resource being unreachable (no connection to be had, Redis refusing connections)
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.RecoverableDataAccessException",
            "org.springframework.transaction.CannotCreateTransactionException",
            // JDBC: connection timed out in the pool, a transient SQL failure
            "java.sql.SQLTransientException",
            "java.sql.SQLRecoverableException",
            // Lettuce: the connection lost or refused, a command timed out or cut off with its connection
            "io.lettuce.core.RedisConnectionException",
            "io.lettuce.core.RedisCommandTimeoutException",
            "io.lettuce.core.RedisCommandInterruptedException",
            "java.util.concurrent.CancellationException");

    private Busy() {
    }

    /** Whether the failure, or one of its causes, is a backing service away for a moment. */
    public static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type = t.getClass(); type != null && type != Throwable.class; type = type.getSuperclass()) {
                if (MOMENTARY.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - SECOND);
    private static final AtomicLong unlogged = new AtomicLong();

    /**
     * What to log of a busy answer, or null when one was logged less than a second ago (it is then counted, and the
     * next line says how many went unlogged): the failure's class only, never its message.
     */
    public static String toLog(Throwable failure) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last < SECOND || !lastLogged.compareAndSet(last, now)) {
            unlogged.incrementAndGet();
            return null;
        }
        long quiet = unlogged.getAndSet(0);
        return what(failure) + (quiet == 0 ? "" : " (and " + quiet + " more since the last line)");
    }

    /** What was away, for the log: the failure's innermost recognised class, without its message. */
    public static String what(Throwable failure) {
        String found = failure.getClass().getSimpleName();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type = t.getClass(); type != null && type != Throwable.class; type = type.getSuperclass()) {
                if (MOMENTARY.contains(type.getName())) {
                    found = t.getClass().getSimpleName();
                }
            }
        }
        return found;
    }
}
