/**
 * State that several instances of an application share through Redis (Lettuce): one budget for all of them
 * ({@link one.aisa.langchain4j.redis.RedisBudgetLedger}).
 */
package one.aisa.langchain4j.redis;
