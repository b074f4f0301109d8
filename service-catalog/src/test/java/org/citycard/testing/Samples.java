package org.citycard.testing;

import java.util.List;
import java.util.Set;

import org.citycard.catalog.Audience;
import org.citycard.catalog.Channel;
import org.citycard.catalog.Fee;
import org.citycard.catalog.HandlerType;
import org.citycard.catalog.HandlingMode;
import org.citycard.catalog.LimitUnit;
import org.citycard.catalog.LocalizedText;
import org.citycard.catalog.Material;
import org.citycard.catalog.MaterialForm;
import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceDefinition;
import org.citycard.catalog.ServiceGuide;
import org.citycard.catalog.ServiceHandler;
import org.citycard.catalog.ServiceKind;
import org.citycard.catalog.TimeLimit;

/** Complete, publishable service entries for tests. */
public final class Samples {

    private Samples() {
    }

    public static ServiceDefinition service(String code, String zh, String en, String category) {
        return service(code, zh, en, category, List.of(), Set.of(Channel.WEB, Channel.WECHAT, Channel.ALIPAY));
    }

    public static ServiceDefinition service(String code, String zh, String en, String category, List<String> keywords,
                                            Set<Channel> channels) {
        return new ServiceDefinition(ServiceCode.of(code), LocalizedText.of(zh, en),
                LocalizedText.of(zh + "的办事指南", "How to apply for " + en),
                ServiceKind.GOVERNMENT, Set.of(Audience.CITIZEN),
                LocalizedText.of("黄石市政务服务和大数据管理局", "Huangshi Government Services Bureau"),
                LocalizedText.of("黄石市市民之家", "Huangshi Citizen Service Centre"),
                LocalizedText.of("《政务服务条例》", "Regulations on Government Services"),
                category, keywords, new ServiceHandler(HandlerType.INFO_ONLY, null), channels, List.of("420200"),
                false, 100, guide());
    }

    public static ServiceGuide guide() {
        return new ServiceGuide(
                List.of(LocalizedText.of("本市户籍居民", "Registered residents of the city")),
                List.of(new Material(LocalizedText.of("居民身份证", "Resident ID card"), MaterialForm.ORIGINAL, 1, true, null)),
                List.of(new Fee(LocalizedText.of("工本费", "Card fee"), 2000L, LocalizedText.of("物价局核定", "Set by the price bureau"))),
                LocalizedText.of("微信、支付宝或现金", "WeChat Pay, Alipay or cash"),
                new TimeLimit(20, LimitUnit.WORKING_DAYS), new TimeLimit(5, LimitUnit.WORKING_DAYS),
                HandlingMode.BOTH,
                LocalizedText.of("黄石港区杭州东路 1 号市民之家", "Citizen Service Centre, 1 Hangzhou East Road"),
                LocalizedText.of("周一至周五 9:00-17:00", "Mon-Fri 9:00-17:00"),
                "0714-6222222", "12345", "https://zwfw.huangshi.example.gov.cn/item");
    }
}
