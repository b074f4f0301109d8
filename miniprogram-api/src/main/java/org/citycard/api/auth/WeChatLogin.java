package org.citycard.api.auth;

import java.util.Optional;

import org.citycard.card.ExternalLogin;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.bean.WxMaJscode2SessionResult;
import cn.binarywang.wx.miniapp.config.impl.WxMaDefaultConfigImpl;
import me.chanjar.weixin.common.error.WxErrorException;

/**
 * WeChat's jscode2session through WxJava's mini-program service. The citizen's WeChat login is the app's open id,
 * which WeChat always returns (the union id comes only once the app is bound to an open-platform account, so
 * keying on it would turn a returning citizen into a stranger).
 */
final class WeChatLogin implements PlatformLogin {

    private final WxMaService wechat = new WxMaServiceImpl();

    WeChatLogin(String appId, String secret, String apiHost) {
        WxMaDefaultConfigImpl config = new WxMaDefaultConfigImpl();
        config.setAppid(appId);
        config.setSecret(secret);
        if (apiHost != null && !apiHost.isBlank()) {
            config.setApiHostUrl(apiHost);
        }
        // the stable token does not invalidate tokens other servers of this app hold
        config.useStableAccessToken(true);
        config.setRetrySleepMillis(200);
        config.setMaxRetryTimes(2);
        wechat.setWxMaConfig(config);
    }

    @Override
    public ExternalLogin platform() {
        return ExternalLogin.WECHAT;
    }

    @Override
    public Optional<String> userId(String code) {
        try {
            WxMaJscode2SessionResult session = wechat.getUserService().getSessionInfo(code);
            String openId = session.getOpenid();
            return openId == null || openId.isBlank() ? Optional.empty() : Optional.of(openId);
        } catch (WxErrorException e) {
            int error = e.getError().getErrorCode();
            if (error == 40029 || error == 40163 || error == 40226) { // invalid, used, or blocked code
                return Optional.empty();
            }
            throw new PlatformUnavailable("WeChat refused jscode2session with error " + error, e);
        } catch (RuntimeException e) {
            throw new PlatformUnavailable("WeChat could not be asked", e);
        }
    }
}
