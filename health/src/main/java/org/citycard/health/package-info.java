/**
 * Health with the card: the resident e-health card (居民电子健康卡) registered with the provincial card-management
 * platform, for the citizen and the dependants they look after; its static and dynamic codes, which hospitals verify
 * through the terminal API and report each use of (shown to the citizen as visit records).
 */
package org.citycard.health;
