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

    private record Queue(Instant start, AtomicLong last, Map<CitizenId, Long> numbers) {
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
    public Optional<Status> join(String vaccineId, CitizenId citizen, String source) {
        Queue q = queues.computeIfAbsent(vaccineId, v -> new Queue(clock.instant(), new AtomicLong(),
                new ConcurrentHashMap<>()));
        Long known = q.numbers().get(citizen);
        if (known == null && perSourcePerMinute > 0
                && !limits.tryTake("vaccination-queue:" + source, perSourcePerMinute, java.time.Duration.ofMinutes(1))) {
            return Optional.empty();
        }
        long number = q.numbers().computeIfAbsent(citizen, c -> q.last().incrementAndGet());
        return Optional.of(line.status(number, q.last().get(), q.start(), clock.instant()));
    }

    @Override
    public Optional<Status> status(String vaccineId, CitizenId citizen) {
        Queue q = queues.get(vaccineId);
        Long number = q == null ? null : q.numbers().get(citizen);
        return number == null ? Optional.empty()
                : Optional.of(line.status(number, q.last().get(), q.start(), clock.instant()));
    }

    @Override
    public void clear(String vaccineId) {
        queues.remove(vaccineId);
    }
}
