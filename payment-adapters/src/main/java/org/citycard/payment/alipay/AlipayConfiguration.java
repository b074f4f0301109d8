package org.citycard.payment.alipay;

import org.citycard.card.LoginLinks;
import org.citycard.payment.NotifyAddress;
import org.citycard.payment.PaymentChannel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.DefaultAlipayClient;

/** Alipay is offered when an app is configured (the real one, or a sandbox's). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlipayProperties.class)
@ConditionalOnExpression("'${citycard.payment.alipay.app-id:}' != ''")
class AlipayConfiguration {

    @Bean
    AlipayAccount alipayAccount(AlipayProperties properties) {
        return properties.account();
    }

    @Bean
    PaymentChannel alipayChannel(AlipayAccount account, LoginLinks logins, NotifyAddress notifyAddress)
            throws AlipayApiException {
        // with Alipay's public key set, the SDK verifies the RSA2 signature of every answer
        AlipayClient client = new DefaultAlipayClient(account.gateway(), account.appId(), account.privateKey(), "json",
                "UTF-8", account.alipayPublicKey(), "RSA2");
        return new AlipayChannel(client, account, logins, notifyAddress);
    }
}
