/**
 * Values every CityCard module may use: free text that is safe to keep ({@link org.citycard.kernel.FreeText}) and
 * the refusal of a request body that is too large ({@link org.citycard.kernel.BodyTooLarge}).
 */
package org.citycard.kernel;
