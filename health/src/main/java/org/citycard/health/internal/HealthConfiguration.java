package org.citycard.health.internal;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import org.citycard.health.connector.HealthCardPlatform;
import org.citycard.health.connector.provincial.ProvincialPlatform;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The platform connector from configuration; without it every call says the platform is unavailable. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthProperties.class)
class HealthConfiguration {

    @Bean
    HealthCardPlatform healthCardPlatform(HealthProperties properties) {
        HealthProperties.Platform p = properties.platform();
        if (p == null || !p.configured()) {
            return new NotConfigured();
        }
        return new ProvincialPlatform(new ProvincialPlatform.Settings(p.baseUrl(), p.appId(),
                p.terminalId() == null ? "citycard" : p.terminalId(), p.appSecret(), p.encryptionKey()),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(), Clock.systemUTC());
    }

    /** No platform configured (a node that does not offer the e-health card): every call is refused plainly. */
    static final class NotConfigured implements HealthCardPlatform {
        private static PlatformUnavailable none() {
            return new PlatformUnavailable("no e-health card platform is configured (citycard.health.platform.*)");
        }

        @Override
        public Registration register(Applicant applicant) {
            throw none();
        }

        @Override
        public CardState query(String ehcId) {
            throw none();
        }

        @Override
        public CardState close(String ehcId, String reason) {
            throw none();
        }

        @Override
        public Generated generate(String ehcId) {
            throw none();
        }

        @Override
        public CodeCheck verify(String code, String orgCode, String scene, String channel) {
            throw none();
        }
    }
}
