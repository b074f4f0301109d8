/**
 * Dynamic QR codes (ride, health, payment): a compact payload signed with Ed25519, issued for 60 seconds and
 * verifiable offline by any terminal that holds the published public keys.
 */
@org.springframework.modulith.NamedInterface("code")
package org.citycard.card.code;
