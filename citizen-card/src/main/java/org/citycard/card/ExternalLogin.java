package org.citycard.card;

/** The mini-program platforms a citizen may sign in with. */
public enum ExternalLogin {
    WECHAT, ALIPAY
}
