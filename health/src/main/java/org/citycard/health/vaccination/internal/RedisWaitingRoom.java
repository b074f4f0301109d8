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
 * The waiting room every node shares, in Redis through Lettuce: per vaccine and opening a counter of arrivals and a
 * hash of numbers by citizen; joining is one Lua script (a citizen's number is given once, atomically), so two nodes
 * never hand out the same number nor one person two. Lines expire a day after their last arrival.
 */
final class RedisWaitingRoom implements WaitingRoom, AutoCloseable {

    /** KEYS: numbers hash, arrivals counter; ARGV: citizen. Returns {number, in line}. */
    private static final String JOIN = """
            local n = redis.call('HGET', KEYS[1], ARGV[1])
            if not n then
              n = redis.call('INCR', KEYS[2])
              redis.call('HSET', KEYS[1], ARGV[1], n)
            end
            for i = 1, 2 do redis.call('EXPIRE', KEYS[i], 86400) end
            return {tonumber(n), tonumber(redis.call('GET', KEYS[2]))}""";

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

    private static String[] keys(String vaccineId, Instant opening) {
        String base = "citycard:vaccination:line:" + vaccineId + ":" + opening.toEpochMilli();
        return new String[] {base + ":numbers", base + ":arrivals"};
    }

    @Override
    public Optional<Status> join(String vaccineId, Instant opening, CitizenId citizen, String source) {
        String[] keys = keys(vaccineId, opening);
        if (perSourcePerMinute > 0 && redis().sync().hexists(keys[0], citizen.toString()) == Boolean.FALSE
                && !limits.tryTake("vaccination-queue:" + source, perSourcePerMinute, java.time.Duration.ofMinutes(1))) {
            return Optional.empty();
        }
        List<Long> r = redis().sync().eval(JOIN, ScriptOutputType.MULTI, keys, citizen.toString());
        return Optional.of(line.status(r.get(0), r.get(1), opening, clock.instant()));
    }

    @Override
    public Optional<Status> status(String vaccineId, Instant opening, CitizenId citizen) {
        String[] keys = keys(vaccineId, opening);
        var sync = redis().sync();
        String number = sync.hget(keys[0], citizen.toString());
        if (number == null) {
            return Optional.empty();
        }
        String inLine = sync.get(keys[1]);
        return Optional.of(line.status(Long.parseLong(number), inLine == null ? 0 : Long.parseLong(inLine), opening,
                clock.instant()));
    }

    @Override
    public void clear(String vaccineId, Instant opening) {
        redis().sync().del(keys(vaccineId, opening));
    }

    private StatefulRedisConnection<String, String> redis() {
        return redis.get();
    }

    @Override
    public void close() {
        redis.close();
    }
}
