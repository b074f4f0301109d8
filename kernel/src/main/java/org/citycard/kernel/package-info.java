/**
 * Values every CityCard module may use: free text that is safe to keep ({@link org.citycard.kernel.FreeText}), and
 * input that cannot be decoded ({@link org.citycard.kernel.Undecodable}), a client fault every front end answers
 * alike.
 */
package org.citycard.kernel;
