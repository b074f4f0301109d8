/**
 * Values every CityCard module may use: money in fen ({@link org.citycard.kernel.Fen}), the city's time zone
 * ({@link org.citycard.kernel.ChinaTime}), free text that is safe to keep ({@link org.citycard.kernel.FreeText}), and
 * input that cannot be decoded ({@link org.citycard.kernel.Undecodable}), a client fault every front end answers
 * alike.
 */
package org.citycard.kernel;
