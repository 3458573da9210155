/**
 * Routing quality, measured offline: the open per-prompt results in {@code benchmarks/data/}, the difficulty
 * model's trainer, and the replay harness that scores each routing decision against those results. Never deployed.
 */
package one.aisa.langchain4j.benchmarks.routing;
