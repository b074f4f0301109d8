package org.citycard.card;

/** How sure the city is of who a citizen is: a WeChat or Alipay login only, a confirmed phone, or real-name. */
public enum VerificationLevel {
    NONE, PHONE, REAL_NAME
}
