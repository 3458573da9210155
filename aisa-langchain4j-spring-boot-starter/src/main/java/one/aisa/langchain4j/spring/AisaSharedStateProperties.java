package one.aisa.langchain4j.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * State shared by every instance of the application through Redis (with {@code aisa-langchain4j-redis} on the class
 * path): one budget, shared circuits, and one response cache when {@code aisa.cache.enabled}.
 *
 * @param keyPrefix The prefix of every key, one per application; unset means spring.application.name, else aisa.
 * @param timeout The longest any call waits on Redis before going on with this instance's own state.
 * @param budgetFailOpen While Redis does not answer: false reads the budget as spent (the default); true goes on
 *     with the last total plus this instance's spend.
 * @param budgetWriteInBackground Whether a call's spend is written without the call waiting for Redis: one round trip
 *     per call instead of two, for an overspend bound up to twice as loose (a thread's last call may still be on its
 *     way to Redis when its next one starts).
 * @param redis The Redis connection.
 */
@ConfigurationProperties(AisaSharedStateProperties.PREFIX)
public record AisaSharedStateProperties(
        String keyPrefix,
        @DefaultValue("50ms") Duration timeout,
        @DefaultValue("false") boolean budgetFailOpen,
        @DefaultValue("false") boolean budgetWriteInBackground,
        @NestedConfigurationProperty @DefaultValue Redis redis) {

    public static final String PREFIX = "aisa.shared-state";

    /**
     * @param enabled Whether the instances share their state through Redis.
     * @param url The Redis URL, e.g. redis://redis:6379; unset means the application's spring.data.redis.* settings.
     */
    public record Redis(boolean enabled, String url) {}
}
