package org.citycard.messages.internal;

import java.util.Map;
import java.util.Optional;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayOpenAppMiniTemplatemessageSendModel;
import com.alipay.api.request.AlipayOpenAppMiniTemplatemessageSendRequest;
import com.alipay.api.response.AlipayOpenAppMiniTemplatemessageSendResponse;
import org.citycard.card.CitizenId;
import org.citycard.card.ExternalLogin;
import org.citycard.card.LoginLinks;
import org.citycard.messages.Channel;
import org.citycard.messages.Topic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.stereotype.Component;

/**
 * Copies as Alipay mini-program template messages through the Alipay SDK's
 * {@code AlipayOpenAppMiniTemplatemessageSendRequest}, to the citizen's Alipay login. Each needs a form id the
 * citizen's own action in the mini-program gave (reported like a consent, good once for 7 days); without one nothing
 * is sent, and the notice reaches the inbox and, by the fallback, the phone.
 */
@Component
@ConditionalOnProperty(name = "citycard.mp.alipay.app-id")
class AlipayChannelSender implements ChannelSender {

    /** What the template message's fields carry. */
    static final String FIELDS = "keyword1 = title, keyword2 = text";


    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlipayClient alipay;
    private final LoginLinks links;
    private final JdbcClient jdbc;
    private final MessagesProperties properties;

    AlipayChannelSender(LoginLinks links, JdbcClient jdbc, MessagesProperties properties,
                        @Value("${citycard.mp.alipay.app-id}") String appId,
                        @Value("${citycard.mp.alipay.private-key:}") String privateKey,
                        @Value("${citycard.mp.alipay.alipay-public-key:}") String alipayPublicKey,
                        @Value("${citycard.mp.alipay.gateway:https://openapi.alipay.com/gateway.do}") String gateway) {
        this.links = links;
        this.jdbc = jdbc;
        this.properties = properties;
        this.alipay = new DefaultAlipayClient(gateway, appId, privateKey, "json", "UTF-8", alipayPublicKey, "RSA2");
    }

    @Override
    public Channel channel() {
        return Channel.ALIPAY;
    }

    @Override
    public String send(CitizenId citizen, Topic topic, String title, String body, String link) {
        String template = properties.alipayTemplates().get(topic);
        if (template == null) {
            return "no Alipay template for this topic";
        }
        Optional<String> userId = links.payerId(citizen, ExternalLogin.ALIPAY);
        if (userId.isEmpty()) {
            return "no Alipay login";
        }
        Optional<String> formId = Consents.useFormId(jdbc, citizen);
        if (formId.isEmpty()) {
            return "no form id";
        }
        AlipayOpenAppMiniTemplatemessageSendModel model = new AlipayOpenAppMiniTemplatemessageSendModel();
        model.setToUserId(userId.get());
        model.setFormId(formId.get());
        model.setUserTemplateId(template);
        model.setPage(link == null ? "pages/index/index" : "pages/web/web?path=" + link);
        model.setData(JSON.writeValueAsString(Map.of("keyword1", Map.of("value", title), "keyword2", Map.of("value", body))));
        AlipayOpenAppMiniTemplatemessageSendRequest request = new AlipayOpenAppMiniTemplatemessageSendRequest();
        request.setBizModel(model);
        AlipayOpenAppMiniTemplatemessageSendResponse response;
        try {
            response = alipay.execute(request);
        } catch (AlipayApiException e) {
            throw new IllegalStateException("Alipay could not be asked", e);
        }
        if (response.isSuccess()) {
            return null;
        }
        if (String.valueOf(response.getSubCode()).startsWith("isv.")) {
            return "Alipay refused it (" + response.getSubCode() + ")";
        }
        throw new IllegalStateException("Alipay answered " + response.getCode() + " " + response.getSubCode());
    }
}
