/**
 * Mini-program sign-in: a WeChat or Alipay login code exchanged through the platforms' own SDKs, short-lived
 * access tokens (JWT) and rotating refresh tokens, and linking a platform login to an existing citizen.
 */
package org.citycard.api.auth;
