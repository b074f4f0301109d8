package org.citycard.api.auth;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.citycard.api.sandbox.SandboxAccounts;
import org.citycard.card.ExternalLogin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The platform logins: against the in-process sandboxes (built on first use, once this node's port is known),
 * or against WeChat and Alipay with the configured accounts. A platform without an account is not offered.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MiniProgramProperties.class)
class PlatformLoginConfiguration {

    @Bean
    @ConditionalOnProperty(name = "citycard.mp.sandbox", havingValue = "true")
    SandboxAccounts sandboxAccounts() {
        return new SandboxAccounts();
    }

    @Bean
    PlatformLogins platformLogins(MiniProgramProperties properties, Environment environment,
                                  org.springframework.beans.factory.ObjectProvider<SandboxAccounts> sandbox) {
        Map<ExternalLogin, Supplier<PlatformLogin>> logins = new EnumMap<>(ExternalLogin.class);
        if (properties.sandbox()) {
            SandboxAccounts accounts = sandbox.getObject();
            Supplier<String> self = () -> "http://127.0.0.1:" + environment.getRequiredProperty("local.server.port");
            logins.put(ExternalLogin.WECHAT, once(() -> new WeChatLogin(SandboxAccounts.WECHAT_APP_ID,
                    accounts.wechatSecret(), self.get() + "/sandbox/wechat")));
            logins.put(ExternalLogin.ALIPAY, once(() -> new AlipayLogin(self.get() + "/sandbox/alipay/gateway.do",
                    SandboxAccounts.ALIPAY_APP_ID, accounts.alipayAppPrivateKey(), accounts.alipayGatewayPublicKey())));
        } else {
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
