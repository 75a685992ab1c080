/** Statistics used by the experiments: summaries, confidence intervals, tests, growth exponents. */
package maplab.stats;
