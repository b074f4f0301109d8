package org.citycard.health.vaccination.internal;

import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The slot gate in Redis: per slot a count of places left, taken with one atomic script (only while above zero).
 * A slot Redis does not know (first use, or Redis restarted) is counted again from the database, once (SET NX).
 */
final class RedisSlotGate implements SlotGate, AutoCloseable {

    /** KEYS: the count. Returns -1 unknown, 0 none left, 1 taken. */
    private static final String TAKE = """
            local v = redis.call('GET', KEYS[1])
            if not v then return -1 end
            if tonumber(v) <= 0 then return 0 end
            redis.call('DECR', KEYS[1])
            return 1""";
    private static final String GIVE_BACK = "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCR', KEYS[1]) end return 0";

    private final RedisConnection redis;

    RedisSlotGate(Supplier<AbstractRedisClient> clients) {
        this.redis = new RedisConnection(clients);
    }

    private static String key(UUID slot) {
        return "citycard:vaccination:slot:" + slot + ":left";
    }

    /**
     * Redis unreachable, or a command cut off when its connection dropped: the gate stands open and the database
     * decides alone (it always does in the end).
     */
    @Override
    public boolean take(UUID slot, IntSupplier placesLeftInTheDatabase) {
        try {
            String[] keys = {key(slot)};
            var sync = redis().sync();
            Long taken = sync.eval(TAKE, ScriptOutputType.INTEGER, keys);
            if (taken != null && taken == -1) {
                sync.set(keys[0], Integer.toString(Math.max(0, placesLeftInTheDatabase.getAsInt())),
                        SetArgs.Builder.nx().ex(86_400));
                taken = sync.eval(TAKE, ScriptOutputType.INTEGER, keys);
            }
            return taken == null || taken != 0;
        } catch (io.lettuce.core.RedisException | java.util.concurrent.CancellationException e) {
            return true;
        }
    }

    @Override
    public void giveBack(UUID slot) {
        try {
            redis().sync().eval(GIVE_BACK, ScriptOutputType.INTEGER, key(slot));
        } catch (io.lettuce.core.RedisException | java.util.concurrent.CancellationException e) {
            // forgotten: the count is read from the database again once Redis has lost it
        }
    }

    @Override
    public void full(UUID slot) {
        try {
            redis().sync().set(key(slot), "0", SetArgs.Builder.xx().ex(86_400));
        } catch (io.lettuce.core.RedisException | java.util.concurrent.CancellationException e) {
            // the next take asks again
        }
    }

    @Override
    public void recount(UUID slot, int placesLeftInTheDatabase) {
        try {
            redis().sync().set(key(slot), Integer.toString(Math.max(0, placesLeftInTheDatabase)),
                    SetArgs.Builder.xx().ex(86_400));
        } catch (io.lettuce.core.RedisException | java.util.concurrent.CancellationException e) {
            // the next doubt asks again
        }
    }

    private StatefulRedisConnection<String, String> redis() {
        return redis.get();
    }

    @Override
    public void close() {
        redis.close();
    }
}
