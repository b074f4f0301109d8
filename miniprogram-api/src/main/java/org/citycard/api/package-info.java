/**
 * The REST API for the WeChat and Alipay mini-programs (and anyone else) under {@code /api/mp/v1}: JSON in,
 * JSON out, errors as {@code application/problem+json} with a stable code.
 */
package org.citycard.api;
