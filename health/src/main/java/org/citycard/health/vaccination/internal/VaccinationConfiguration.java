package org.citycard.health.vaccination.internal;

import org.citycard.card.RateLimits;
import org.citycard.health.vaccination.WaitingRoom;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The waiting room and the slot gate: in Redis for every node ({@code shared-state=redis}), or in this process. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VaccinationConfiguration.Properties.class)
class VaccinationConfiguration {

    /**
     * {@code citycard.vaccination.*}.
     *
     * @param sharedState             LOCAL (one node) or REDIS (every node shares the line and the gate)
     * @param admitBurst              how many of the line are admitted at once when it starts
     * @param admitPerSecond          then how many a second
     * @param perSourcePerMinute      how many people one address may put in line a minute (bots are slowed)
     * @param holdsPerCitizenPerMinute how many holds one citizen may try a minute
     * @param checksPerSourcePerMinute how many certificates one address may check a minute (nobody walks the ids)
     *                                 (each limit: 0 turns it off, for a benchmark whose every request comes from one
     *                                 address)
     */
    @ConfigurationProperties("citycard.vaccination")
    record Properties(@DefaultValue("LOCAL") SharedState sharedState, @DefaultValue("50") int admitBurst,
                      @DefaultValue("20") double admitPerSecond, @DefaultValue("30") int perSourcePerMinute,
                      @DefaultValue("20") int holdsPerCitizenPerMinute,
                      @DefaultValue("30") int checksPerSourcePerMinute) {
        enum SharedState {
            LOCAL, REDIS
        }
    }

    @Bean
    WaitingRoom waitingRoom(Properties properties, RateLimits limits, ObjectProvider<LettuceConnectionFactory> redis) {
        Line line = new Line(properties.admitBurst(), properties.admitPerSecond());
        return properties.sharedState() == Properties.SharedState.REDIS
                ? new RedisWaitingRoom(() -> redis.getObject().getRequiredNativeClient(), line, limits,
                properties.perSourcePerMinute())
                : new LocalWaitingRoom(line, limits, properties.perSourcePerMinute());
    }

    @Bean
    SlotGate slotGate(Properties properties, ObjectProvider<LettuceConnectionFactory> redis) {
        return properties.sharedState() == Properties.SharedState.REDIS
                ? new RedisSlotGate(() -> redis.getObject().getRequiredNativeClient()) : SlotGate.NONE;
    }
}
