/**
 * In-process sandboxes of the WeChat and Alipay services the mini-program sign-in uses, speaking their real
 * protocols with generated test keys, so the real SDKs sign and verify for real on a fresh machine. Only with
 * {@code citycard.mp.sandbox=true}. Login codes look like {@code alice.1}: the part before the dot names the
 * sandbox user, and each code works once.
 */
package org.citycard.api.sandbox;
