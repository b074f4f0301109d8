package org.citycard.catalog;

/** Where a service is offered: the web portal, the WeChat mini-program, the Alipay mini-program. */
public enum Channel { WEB, WECHAT, ALIPAY }
