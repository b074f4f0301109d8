package org.citycard.card.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.citycard.card.code.CodePurpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Code uses shared by every node. One Lua script marks the code used ({@code SET NX PX}) and appends the use to a
 * Redis stream, atomically, before the terminal hears "accepted": the request touches no database. Every node then
 * moves the stream into {@code card_code_use} in batches through a consumer group; the entries a node read but did
 * not acknowledge (it was killed) are claimed by another node once they have been idle for {@code claimAfter}, and
 * written again harmlessly (a use is unique by card and nonce). Nothing accepted is lost unless Redis itself loses
 * it: production Redis keeps an append-only file (README).
 */
final class RedisCodeUseLog implements CodeUseLog, SmartLifecycle {

    static final String GROUP = "writers";
    private static final Logger log = LoggerFactory.getLogger(RedisCodeUseLog.class);
    private static final int BATCH = 1_000;

    private static final RedisScript<Long> ACCEPT = RedisScript.of("""
            if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
              redis.call('XADD', KEYS[2], '*', 'card', ARGV[2], 'citizen', ARGV[3], 'nonce', ARGV[4],
                'purpose', ARGV[5], 'terminal', ARGV[6], 'place', ARGV[7], 'at', ARGV[8])
              return 1
            end
            return 0""", Long.class);

    private static final RedisScript<Long> DONE = RedisScript.of("""
            redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
            return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))""", Long.class);

    private final StringRedisTemplate redis;
    private final String stream;
    private final CodeUseRows rows;
    private final Duration every;
    private final Duration claimAfter;
    private final Consumer consumer = Consumer.from(GROUP, "node-" + UUID.randomUUID());
    private ScheduledExecutorService writer;

    RedisCodeUseLog(StringRedisTemplate redis, String stream, CodeUseRows rows, Duration every, Duration claimAfter) {
        this.redis = redis;
        this.stream = stream;
        this.rows = rows;
        this.every = every;
        this.claimAfter = claimAfter;
    }

    @Override
    public boolean acceptOnce(Use use) {
        Long first = redis.execute(ACCEPT, List.of("citycard:code-used:" + use.key(), stream),
                Long.toString(JdbcDynamicCodes.REMEMBER_USE.toMillis()), use.card().toString(),
                use.citizen().toString(), Long.toString(use.nonce()), use.purpose().name(), use.terminal(),
                use.place(), Long.toString(use.at().toEpochMilli()));
        return first != null && first == 1L;
    }

    /**
     * Writes what is waiting: first the entries other (dead) nodes read and never finished, then new ones, a batch
     * at a time. Returns how many uses it wrote.
     */
    int writePending() {
        int written = 0;
        try {
            written += write(claimAbandoned());
            List<MapRecord<String, Object, Object>> batch;
            do {
                batch = redis.opsForStream().read(consumer, StreamReadOptions.empty().count(BATCH),
                        StreamOffset.create(stream, ReadOffset.lastConsumed()));
                written += write(batch == null ? List.of() : batch);
            } while (batch != null && batch.size() == BATCH);
        } catch (RedisSystemException e) {
            if (String.valueOf(e.getMostSpecificCause().getMessage()).startsWith("NOGROUP")) {
                createGroup(); // Redis was emptied or restarted: the stream and its group come back
            } else {
                throw e;
            }
        }
        return written;
    }

    private List<MapRecord<String, Object, Object>> claimAbandoned() {
        List<RecordId> ids = new ArrayList<>();
        for (PendingMessage pending : redis.opsForStream().pending(stream, GROUP, Range.unbounded(), BATCH, claimAfter)) {
            if (!pending.getConsumerName().equals(consumer.getName())) {
                ids.add(pending.getId());
            }
        }
        return ids.isEmpty() ? List.of()
                : redis.opsForStream().claim(stream, GROUP, consumer.getName(), claimAfter, ids.toArray(RecordId[]::new));
    }

    private int write(List<MapRecord<String, Object, Object>> records) {
        if (records.isEmpty()) {
            return 0;
        }
        List<Use> uses = new ArrayList<>(records.size());
        for (MapRecord<String, Object, Object> record : records) {
            Map<Object, Object> v = record.getValue();
            uses.add(new Use("", Long.parseLong((String) v.get("nonce")), UUID.fromString((String) v.get("card")),
                    UUID.fromString((String) v.get("citizen")), CodePurpose.valueOf((String) v.get("purpose")),
                    (String) v.get("terminal"), (String) v.get("place"),
                    Instant.ofEpochMilli(Long.parseLong((String) v.get("at")))));
        }
        rows.write(uses);
        List<String> args = new ArrayList<>(records.size() + 1);
        args.add(GROUP);
        records.forEach(record -> args.add(record.getId().getValue()));
        redis.execute(DONE, List.of(stream), args.toArray());
        return uses.size();
    }

    void createGroup() {
        try {
            redis.execute((RedisCallback<String>) connection -> groupCreate(connection));
        } catch (RedisSystemException e) {
            if (!String.valueOf(e.getMostSpecificCause().getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private String groupCreate(RedisConnection connection) {
        return connection.streamCommands().xGroupCreate(stream.getBytes(StandardCharsets.UTF_8), GROUP,
                ReadOffset.from("0"), true);
    }

    private void writeQuietly() {
        try {
            writePending();
        } catch (RuntimeException e) {
            // Redis or the database is away: the uses wait in the stream, and the next round tries again
            log.warn("Code uses not written yet, trying again: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        createGroup();
        writer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("code-use-writer").daemon().factory());
        writer.scheduleWithFixedDelay(this::writeQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (writer != null) {
            writer.shutdown();
            try {
                writer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer = null;
            writeQuietly(); // what this node accepted last goes in now, not after another node's claim delay
        }
    }

    /** After the web server has stopped taking requests (so nothing is accepted after the last write), before Redis. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public synchronized boolean isRunning() {
        return writer != null;
    }
}
