package org.citycard.card.internal;

import java.time.Clock;

import org.citycard.card.RateLimits;
import org.citycard.card.SmsSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires the card module: its clock, the SMS sender, rate limits and the replay guard (in process or in Redis). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CardProperties.class)
class CardConfiguration {

    @Bean
    Clock cardClock() {
        return Clock.systemUTC();
    }

    /** The development inbox is both the sender and the page's source. */
    @Bean
    @ConditionalOnProperty(name = "citycard.card.sms.sender", havingValue = "INBOX", matchIfMissing = true)
    InboxSmsSender smsInbox(Clock cardClock) {
        return new InboxSmsSender(cardClock);
    }

    @Bean
    @ConditionalOnProperty(name = "citycard.card.sms.sender", havingValue = "HTTP")
    SmsSender httpSmsSender(CardProperties properties) {
        return new HttpSmsSender(properties.sms().httpUrl(), properties.sms().httpToken());
    }

    @Bean
    RateLimits rateLimits(CardProperties properties,
                          ObjectProvider<org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory> redis) {
        return properties.sharedState() == CardProperties.SharedState.REDIS
                ? new RedisRateLimits(() -> redis.getObject().getRequiredNativeClient())
                : new LocalRateLimits();
    }

    @Bean
    ReplayGuard replayGuard(CardProperties properties, ObjectProvider<StringRedisTemplate> redis) {
        return properties.sharedState() == CardProperties.SharedState.REDIS
                ? new RedisReplayGuard(redis.getObject())
                : new LocalReplayGuard(JdbcDynamicCodes.REMEMBER_USE);
    }

    @Bean
    CodeUseLog codeUseLog(CardProperties properties, ObjectProvider<StringRedisTemplate> redis, ReplayGuard replayGuard,
                          JdbcClient jdbc) {
        return properties.sharedState() == CardProperties.SharedState.REDIS
                ? new RedisCodeUseLog(redis.getObject(), properties.codeUses().stream(), new CodeUseRows(jdbc), properties.codeUses().writeEvery(),
                        properties.codeUses().claimAfter())
                : new LocalCodeUseLog(replayGuard, new CodeUseRows(jdbc));
    }
}
