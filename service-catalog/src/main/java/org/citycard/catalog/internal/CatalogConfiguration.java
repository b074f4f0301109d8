package org.citycard.catalog.internal;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Wires the catalog: the search index, and the local or Redis cache and broadcast. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogProperties.class)
@org.springframework.scheduling.annotation.EnableScheduling
class CatalogConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    SearchIndex searchIndex() {
        return new SearchIndex();
    }

    @Bean
    CatalogCache catalogCache(CatalogProperties properties, ObjectProvider<StringRedisTemplate> redis) {
        return properties.cache() == CatalogProperties.CacheType.REDIS
                ? new RedisCatalogCache(redis.getObject(), properties.cacheTtl())
                : new LocalCatalogCache(properties.cacheTtl());
    }

    @Bean
    CatalogIndexer.ChangeBroadcast changeBroadcast(CatalogProperties properties,
                                                   ObjectProvider<StringRedisTemplate> redis,
                                                   ObjectProvider<RedisConnectionFactory> connections) {
        return properties.cache() == CatalogProperties.CacheType.REDIS
                ? new RedisChangeBroadcast(redis.getObject(), connections.getObject())
                : CatalogIndexer.ChangeBroadcast.NONE;
    }
}
