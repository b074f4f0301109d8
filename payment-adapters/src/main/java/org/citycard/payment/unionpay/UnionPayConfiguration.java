package org.citycard.payment.unionpay;

import java.time.Clock;

import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.citycard.payment.NotifyAddress;
import org.citycard.payment.PaymentChannel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** UnionPay is offered when a merchant is configured (the real one, or a sandbox's). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({UnionPayProperties.class, org.citycard.payment.ChannelHosts.class})
@ConditionalOnExpression("'${citycard.payment.unionpay.mer-id:}' != ''")
class UnionPayConfiguration {

    @Bean
    UnionPayAccount unionPayAccount(UnionPayProperties properties, org.citycard.payment.ChannelHosts hosts) {
        return UnionPayProperties.reachedThrough(properties, hosts.transport().orElse(null));
    }

    @Bean
    PaymentChannel unionPayChannel(UnionPayAccount account, NotifyAddress notifyAddress) {
        HttpClientBuilder builder = HttpClientBuilder.create().setMaxConnPerRoute(32).setMaxConnTotal(64)
                .disableCookieManagement();
        if (account.transport() != null) {
            account.transport().accept(builder);
        }
        CloseableHttpClient http = builder.build();
        return new UnionPayChannel(http, account, notifyAddress, Clock.systemUTC());
    }
}
