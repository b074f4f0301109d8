package org.citycard.health.vaccination.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.citycard.card.CitizenId;
import org.citycard.card.RateLimits;
import org.citycard.health.vaccination.WaitingRoom;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The waiting room every node shares, in Redis through Lettuce: per vaccine a counter of arrivals, a hash of numbers
 * by citizen, and the line's start; joining is one Lua script (a citizen's number is given once, atomically), so two
 * nodes never hand out the same number nor one person two. Lines expire a day after their last arrival.
 */
final class RedisWaitingRoom implements WaitingRoom, AutoCloseable {

    /** KEYS: numbers hash, arrivals counter, start; ARGV: citizen, now (ms). Returns {number, in line, start}. */
    private static final String JOIN = """
            local n = redis.call('HGET', KEYS[1], ARGV[1])
            if not n then
              n = redis.call('INCR', KEYS[2])
              redis.call('HSET', KEYS[1], ARGV[1], n)
            end
            redis.call('SET', KEYS[3], ARGV[2], 'NX')
            for i = 1, 3 do redis.call('EXPIRE', KEYS[i], 86400) end
            return {tonumber(n), tonumber(redis.call('GET', KEYS[2])), tonumber(redis.call('GET', KEYS[3]))}""";

    private final RedisConnection redis;
    private final Line line;
    private final RateLimits limits;
    private final int perSourcePerMinute;
    private final Clock clock = Clock.systemUTC();

    RedisWaitingRoom(Supplier<AbstractRedisClient> clients, Line line, RateLimits limits, int perSourcePerMinute) {
        this.redis = new RedisConnection(clients);
        this.line = line;
        this.limits = limits;
        this.perSourcePerMinute = perSourcePerMinute;
    }

    private static String[] keys(String vaccineId) {
        String base = "citycard:vaccination:line:" + vaccineId;
        return new String[] {base + ":numbers", base + ":arrivals", base + ":start"};
    }

    @Override
    public Optional<Status> join(String vaccineId, CitizenId citizen, String source) {
        String[] keys = keys(vaccineId);
        if (perSourcePerMinute > 0 && redis().sync().hexists(keys[0], citizen.toString()) == Boolean.FALSE
                && !limits.tryTake("vaccination-queue:" + source, perSourcePerMinute, java.time.Duration.ofMinutes(1))) {
            return Optional.empty();
        }
        List<Long> r = redis().sync().eval(JOIN, ScriptOutputType.MULTI, keys, citizen.toString(),
                Long.toString(clock.millis()));
        return Optional.of(line.status(r.get(0), r.get(1), Instant.ofEpochMilli(r.get(2)), clock.instant()));
    }

    @Override
    public Optional<Status> status(String vaccineId, CitizenId citizen) {
        String[] keys = keys(vaccineId);
        var sync = redis().sync();
        String number = sync.hget(keys[0], citizen.toString());
        String start = sync.get(keys[2]);
        if (number == null || start == null) {
            return Optional.empty();
        }
        String inLine = sync.get(keys[1]);
        return Optional.of(line.status(Long.parseLong(number), inLine == null ? 0 : Long.parseLong(inLine),
                Instant.ofEpochMilli(Long.parseLong(start)), clock.instant()));
    }

    @Override
    public void clear(String vaccineId) {
        redis().sync().del(keys(vaccineId));
    }

    private StatefulRedisConnection<String, String> redis() {
        return redis.get();
    }

    @Override
    public void close() {
        redis.close();
    }
}
