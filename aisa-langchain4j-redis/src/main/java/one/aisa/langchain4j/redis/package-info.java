/**
 * State that several instances of an application share through Redis (Lettuce): one budget
 * ({@link RedisBudgetLedger}), shared circuits ({@link RedisCircuitState}) and one response cache
 * ({@link RedisResponseCache}).
 *
 * <p><b>Experimental:</b> this module may change in any release (the README's Compatibility section).
 */
package one.aisa.langchain4j.redis;
