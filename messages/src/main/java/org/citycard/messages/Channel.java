package org.citycard.messages;

/** Where a copy of a message goes; the inbox always keeps the message itself. */
public enum Channel {
    SMS, WECHAT, ALIPAY
}
