package org.citycard.health.vaccination.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.citycard.card.CitizenId;
import org.citycard.card.RateLimits;
import org.citycard.health.vaccination.WaitingRoom;

/** The waiting room of one node (the embedded default): the same rules as in Redis, in this process's memory. */
final class LocalWaitingRoom implements WaitingRoom {

    private record Queue(AtomicLong last, Map<CitizenId, Long> numbers) {
    }

    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final Line line;
    private final RateLimits limits;
    private final int perSourcePerMinute;
    private final Clock clock = Clock.systemUTC();

    LocalWaitingRoom(Line line, RateLimits limits, int perSourcePerMinute) {
        this.line = line;
        this.limits = limits;
        this.perSourcePerMinute = perSourcePerMinute;
    }

    @Override
    public Optional<Status> join(String vaccineId, Instant opening, CitizenId citizen, String source) {
        String key = key(vaccineId, opening);
        Queue q = queues.get(key);
        if (q == null) {
            // a new opening's line; the lines of openings more than a day old are forgotten, as Redis expires them (a
            // line of the opening under way and the next one's live side by side: both are joined)
            long dayAgo = clock.millis() - java.time.Duration.ofDays(1).toMillis();
            queues.keySet().removeIf(k -> k.startsWith(vaccineId + "@")
                    && Long.parseLong(k.substring(vaccineId.length() + 1)) < dayAgo);
            q = queues.computeIfAbsent(key, k -> new Queue(new AtomicLong(), new ConcurrentHashMap<>()));
        }
        Long known = q.numbers().get(citizen);
        if (known == null && perSourcePerMinute > 0
                && !limits.tryTake("vaccination-queue:" + source, perSourcePerMinute, java.time.Duration.ofMinutes(1))) {
            return Optional.empty();
        }
        Queue current = q;
        long number = current.numbers().computeIfAbsent(citizen, c -> current.last().incrementAndGet());
        return Optional.of(line.status(number, current.last().get(), opening, clock.instant()));
    }

    @Override
    public Optional<Status> status(String vaccineId, Instant opening, CitizenId citizen) {
        Queue q = queues.get(key(vaccineId, opening));
        Long number = q == null ? null : q.numbers().get(citizen);
        return number == null ? Optional.empty()
                : Optional.of(line.status(number, q.last().get(), opening, clock.instant()));
    }

    @Override
    public void clear(String vaccineId, Instant opening) {
        queues.remove(key(vaccineId, opening));
    }

    private static String key(String vaccineId, Instant opening) {
        return vaccineId + "@" + opening.toEpochMilli();
    }
}
