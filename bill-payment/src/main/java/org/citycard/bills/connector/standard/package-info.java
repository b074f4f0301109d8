/**
 * The CityCard biller protocol v1 (docs/biller-protocol.md): signed JSON over HTTP, SHA256withRSA both ways over a
 * canonical request with a timestamp and a nonce, a 5-minute window, answers bound to their request's nonce.
 */
package org.citycard.bills.connector.standard;
