package org.citycard.catalog;

/** Government affairs (政务服务) or everyday services (便民服务). */
public enum ServiceKind { GOVERNMENT, EVERYDAY }
