package org.citycard.messages.internal;

import java.util.Map;

import org.citycard.messages.Topic;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Messages' settings.
 *
 * @param wechatTemplates the subscribe-message template id WeChat assigned the mini-program for each topic (a topic
 *                        without one is not sent through WeChat); the WeChat app itself is {@code citycard.mp.wechat.*}
 * @param alipayTemplates the template message id Alipay assigned for each topic; the app is {@code citycard.mp.alipay.*}
 */
@ConfigurationProperties("citycard.messages")
record MessagesProperties(Map<Topic, String> wechatTemplates, Map<Topic, String> alipayTemplates) {

    MessagesProperties {
        wechatTemplates = wechatTemplates == null ? Map.of() : Map.copyOf(wechatTemplates);
        alipayTemplates = alipayTemplates == null ? Map.of() : Map.copyOf(alipayTemplates);
    }
}
