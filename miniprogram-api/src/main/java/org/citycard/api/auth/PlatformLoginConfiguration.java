package org.citycard.api.auth;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.citycard.card.ExternalLogin;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platform logins, against WeChat and Alipay (or the sandbox standing in for them) with the configured accounts,
 * each built on first use. A platform without an account is not offered.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MiniProgramProperties.class)
class PlatformLoginConfiguration {

    @Bean
    PlatformLogins platformLogins(MiniProgramProperties properties) {
        Map<ExternalLogin, Supplier<PlatformLogin>> logins = new EnumMap<>(ExternalLogin.class);
        var wechat = properties.wechat();
        if (wechat.appId() != null && wechat.secret() != null) {
            logins.put(ExternalLogin.WECHAT, once(() -> new WeChatLogin(wechat.appId(), wechat.secret(),
                    wechat.apiHost())));
        }
        var alipay = properties.alipay();
        if (alipay.appId() != null && alipay.privateKey() != null && alipay.alipayPublicKey() != null) {
            logins.put(ExternalLogin.ALIPAY, once(() -> new AlipayLogin(alipay.gateway(), alipay.appId(),
                    alipay.privateKey(), alipay.alipayPublicKey())));
        }
        return platform -> Optional.ofNullable(logins.get(platform)).map(Supplier::get);
    }

    /** The platform logins that are configured. */
    interface PlatformLogins {
        Optional<PlatformLogin> of(ExternalLogin platform);
    }

    private static <T> Supplier<T> once(Supplier<T> build) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = build.get();
                }
                return value;
            }
        };
    }
}
