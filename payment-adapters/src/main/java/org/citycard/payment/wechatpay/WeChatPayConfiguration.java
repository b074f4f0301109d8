package org.citycard.payment.wechatpay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;

import org.citycard.card.LoginLinks;
import org.citycard.payment.NotifyAddress;
import org.citycard.payment.PaymentChannel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.binarywang.wxpay.config.WxPayConfig;
import com.github.binarywang.wxpay.service.WxPayService;
import com.github.binarywang.wxpay.service.impl.WxPayServiceImpl;
import com.github.binarywang.wxpay.v3.WxPayV3HttpClientBuilder;
import com.github.binarywang.wxpay.v3.auth.PublicCertificateVerifier;
import com.github.binarywang.wxpay.v3.util.PemUtils;

/**
 * WeChat Pay is offered when a merchant account is configured (the real one, or a sandbox's). In the public key
 * mode WxJava runs in its "full public key" mode; in the platform certificate mode it gets our own v3 client and
 * {@link PlatformCertificates} (its own would fetch certificates from the real host by itself). Either way every
 * answer passes {@link SignedAnswers}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WeChatPayProperties.class, org.citycard.payment.ChannelHosts.class})
@ConditionalOnExpression("'${citycard.payment.wechat.mch-id:}' != ''")
class WeChatPayConfiguration {

    @Bean
    WeChatPayAccount weChatPayAccount(WeChatPayProperties properties, org.citycard.payment.ChannelHosts hosts) {
        return properties.account(hosts.transport().<com.github.binarywang.wxpay.config.HttpClientBuilderCustomizer>map(
                transport -> transport::accept).orElse(null));
    }

    /** The platform certificates, in that mode (empty until first downloaded); null in the public key mode. */
    @Bean
    WeChatPayKeys weChatPayKeys(WeChatPayAccount account) {
        return account.keyMode() == WeChatPayAccount.KeyMode.PLATFORM_CERTIFICATE
                ? new WeChatPayKeys(null, new PlatformCertificates(account.apiV3Key(), Clock.systemUTC()))
                : new WeChatPayKeys(account.publicKeyId(), null);
    }

    @Bean
    WxPayService wxPayService(WeChatPayAccount account, WeChatPayKeys keys) throws IOException {
        WxPayConfig config = new WxPayConfig();
        config.setMchId(account.mchId());
        config.setAppId(account.appId());
        config.setApiV3Key(account.apiV3Key());
        config.setCertSerialNo(account.merchantSerialNo());
        config.setPrivateKeyPath(account.privateKeyPath());
        config.setApiHostUrl(account.baseUrl());
        WxPayService service = new WxPayServiceImpl();
        if (keys.certificates() != null) {
            // our own v3 client and verifier: WxJava's would fetch the certificates from the real host by itself
            PrivateKey privateKey;
            try (InputStream key = Files.newInputStream(Path.of(account.privateKeyPath()))) {
                privateKey = PemUtils.loadPrivateKey(key);
            }
            WxPayV3HttpClientBuilder builder = WxPayV3HttpClientBuilder.create()
                    .withMerchant(account.mchId(), account.merchantSerialNo(), privateKey)
                    .withValidator(new SignedAnswers(keys.certificates(), Clock.systemUTC()));
            if (account.transport() != null) {
                account.transport().customize(builder);
            }
            config.setApiV3HttpClient(builder.build());
            config.setVerifier(keys.certificates());
            config.setPrivateKey(privateKey);
            service.setConfig(config);
            return service;
        }
        config.setPublicKeyId(account.publicKeyId());
        config.setPublicKeyPath(account.publicKeyPath());
        config.setFullPublicKeyModel(true);
        SignedAnswers answers;
        try (InputStream key = Files.newInputStream(Path.of(account.publicKeyPath()))) {
            answers = new SignedAnswers(new PublicCertificateVerifier(PemUtils.loadPublicKey(key), account.publicKeyId()),
                    account.publicKeyId(), Clock.systemUTC());
        }
        // set before the first call: WxJava builds and caches its v3 client on first use
        config.setApiV3HttpClientBuilderCustomizer(builder -> {
            if (account.transport() != null) {
                account.transport().customize(builder);
            }
            ((WxPayV3HttpClientBuilder) builder).withValidator(answers);
        });
        service.setConfig(config);
        return service;
    }

    @Bean
    PaymentChannel weChatPayChannel(WxPayService wxPayService, WeChatPayAccount account, WeChatPayKeys keys,
                                    LoginLinks logins, NotifyAddress notifyAddress) {
        return new WeChatPayChannel(wxPayService, account, keys, logins, notifyAddress, Clock.systemUTC());
    }
}
