package org.citycard.payment.unionpay;

import java.time.Clock;

import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.citycard.payment.NotifyAddress;
import org.citycard.payment.PaymentChannel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** UnionPay is offered when a merchant is configured, or the payment sandbox is on. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UnionPayProperties.class)
@ConditionalOnExpression("'${citycard.payment.unionpay.mer-id:}' != '' or ${citycard.payment.sandbox.enabled:false}")
class UnionPayConfiguration {

    @Bean
    UnionPayAccount unionPayAccount(UnionPayProperties properties, ObjectProvider<UnionPayAccountSource> sandbox) {
        return properties.configured() ? properties.account() : sandbox.getObject().unionPayAccount();
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
