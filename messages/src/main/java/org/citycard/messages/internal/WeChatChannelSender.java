package org.citycard.messages.internal;

import java.util.List;
import java.util.Optional;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import cn.binarywang.wx.miniapp.config.impl.WxMaDefaultConfigImpl;
import me.chanjar.weixin.common.error.WxErrorException;
import org.citycard.card.CitizenId;
import org.citycard.card.ExternalLogin;
import org.citycard.card.LoginLinks;
import org.citycard.messages.Channel;
import org.citycard.messages.Topic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Copies as WeChat subscribe messages (订阅消息) through WxJava's {@code WxMaMsgService.sendSubscribeMsg}, to the
 * citizen's WeChat login. WeChat sends one only with the citizen's fresh consent for its template: the mini-program
 * reports the consents {@code wx.requestSubscribeMessage} returned, each send uses one, and without one nothing is
 * sent (WeChat would answer 43101); the notice then still reaches the inbox and, by the fallback, the phone.
 */
@Component
@ConditionalOnProperty(name = "citycard.mp.wechat.app-id")
class WeChatChannelSender implements ChannelSender {

    /** What the subscribe message's fields carry (its template is set up with these keywords). */
    static final String FIELDS = "thing1 = title, thing2 = text (20 characters each)";


    private final WxMaService wechat = new WxMaServiceImpl();
    private final LoginLinks links;
    private final JdbcClient jdbc;
    private final MessagesProperties properties;

    WeChatChannelSender(LoginLinks links, JdbcClient jdbc, MessagesProperties properties,
                        @Value("${citycard.mp.wechat.app-id}") String appId,
                        @Value("${citycard.mp.wechat.secret:}") String secret,
                        @Value("${citycard.mp.wechat.api-host:}") String apiHost) {
        this.links = links;
        this.jdbc = jdbc;
        this.properties = properties;
        WxMaDefaultConfigImpl config = new WxMaDefaultConfigImpl();
        config.setAppid(appId);
        config.setSecret(secret);
        if (!apiHost.isBlank()) {
            config.setApiHostUrl(apiHost);
        }
        config.useStableAccessToken(true);
        config.setRetrySleepMillis(200);
        config.setMaxRetryTimes(2);
        wechat.setWxMaConfig(config);
    }

    @Override
    public Channel channel() {
        return Channel.WECHAT;
    }

    @Override
    public String send(CitizenId citizen, Topic topic, String title, String body, String link) {
        String template = properties.wechatTemplates().get(topic);
        if (template == null) {
            return "no WeChat template for this topic";
        }
        Optional<String> openid = links.payerId(citizen, ExternalLogin.WECHAT);
        if (openid.isEmpty()) {
            return "no WeChat login";
        }
        if (!Consents.use(jdbc, citizen, Channel.WECHAT, template)) {
            return "no consent (43101)";
        }
        WxMaSubscribeMessage message = WxMaSubscribeMessage.builder().toUser(openid.get()).templateId(template)
                .page(link == null ? "pages/index/index" : "pages/web/web?path=" + link)
                .data(List.of(new WxMaSubscribeMessage.MsgData("thing1", clip(title)),
                        new WxMaSubscribeMessage.MsgData("thing2", clip(body))))
                .build();
        try {
            wechat.getMsgService().sendSubscribeMsg(message);
            return null;
        } catch (WxErrorException e) {
            int code = e.getError().getErrorCode();
            if (code == 43101) {
                return "no consent at WeChat (43101)";
            }
            if (code == 40003 || code == 47003) {
                return "WeChat refused it (" + code + ")";
            }
            throw new IllegalStateException("WeChat answered " + code, e);
        }
    }

    /** A "thing" value is at most 20 characters. */
    private static String clip(String text) {
        return text.codePointCount(0, text.length()) <= 20 ? text
                : text.substring(0, text.offsetByCodePoints(0, 19)) + "…";
    }
}
