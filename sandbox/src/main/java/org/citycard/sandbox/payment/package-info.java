/**
 * The payment sandbox: in-process simulators of the channels' APIs (WeChat Pay v3 so far), signing with test keys
 * created at start-up so the real SDKs sign and verify for real, a cashier that plays the citizen's phone, and a
 * courier that sends notifications with retries and duplicates. On in the default profile, off in production.
 */
package org.citycard.sandbox.payment;
