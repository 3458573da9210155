package one.aisa.langchain4j.spring;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import one.aisa.langchain4j.cache.ResponseCache;
import one.aisa.langchain4j.redis.RedisBudgetLedger;
import one.aisa.langchain4j.redis.RedisCircuitState;
import one.aisa.langchain4j.redis.RedisResponseCache;
import one.aisa.langchain4j.routing.BudgetLedger;
import one.aisa.langchain4j.routing.SharedCircuitState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@code aisa.shared-state.redis.enabled}: the instances of the application share one budget, their circuits and,
 * with {@code aisa.cache.enabled}, one response cache, in Redis. The connection is {@code aisa.shared-state.redis.url}
 * or the application's {@code spring.data.redis.*} settings; keys start with {@code aisa.shared-state.key-prefix}.
 */
@AutoConfiguration(before = AisaAutoConfiguration.class)
@ConditionalOnClass(RedisBudgetLedger.class)
@ConditionalOnProperty(prefix = AisaSharedStateProperties.PREFIX, name = "redis.enabled", havingValue = "true")
@EnableConfigurationProperties(AisaSharedStateProperties.class)
public class AisaSharedStateAutoConfiguration {

    /** The client of the shared state, shut down with the application. */
    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean(name = "aisaSharedStateRedisClient")
    public RedisClient aisaSharedStateRedisClient(AisaSharedStateProperties properties, Environment environment) {
        RedisClient client = RedisClient.create(uri(properties, environment));
        // a disconnected connection refuses commands at once, so a call never waits past the timeout
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }

    @Bean
    @ConditionalOnMissingBean
    public BudgetLedger aisaSharedBudgetLedger(
            RedisClient aisaSharedStateRedisClient,
            AisaSharedStateProperties properties,
            ObjectProvider<AisaProperties> aisa,
            Environment environment) {
        AisaProperties settings = aisa.getIfAvailable();
        Duration window = settings == null || settings.budget().window() == null
                ? Duration.ofDays(1)
                : settings.budget().window();
        return RedisBudgetLedger.builder()
                .connection(aisaSharedStateRedisClient.connect())
                .keyPrefix(prefix(properties, environment))
                .window(window)
                .timeout(properties.timeout())
                .failOpen(properties.budgetFailOpen())
                .writeSpendsInBackground(properties.budgetWriteInBackground())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public SharedCircuitState aisaSharedCircuitState(
            RedisClient aisaSharedStateRedisClient, AisaSharedStateProperties properties, Environment environment) {
        // with notifications, a permit for a model whose circuit is closed everywhere asks Redis nothing
        return RedisCircuitState.builder()
                .connection(aisaSharedStateRedisClient.connect())
                .notifications(aisaSharedStateRedisClient.connectPubSub())
                .keyPrefix(prefix(properties, environment))
                .timeout(properties.timeout())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = AisaProperties.PREFIX, name = "cache.enabled", havingValue = "true")
    public ResponseCache aisaSharedResponseCache(
            RedisClient aisaSharedStateRedisClient,
            AisaSharedStateProperties properties,
            ObjectProvider<AisaProperties> aisa,
            Environment environment) {
        RedisResponseCache.Builder builder = RedisResponseCache.builder()
                .connection(aisaSharedStateRedisClient.connect())
                .keyPrefix(prefix(properties, environment))
                .timeout(properties.timeout());
        AisaProperties settings = aisa.getIfAvailable();
        if (settings != null && settings.cache().ttl() != null) {
            builder.ttl(settings.cache().ttl());
        }
        return builder.build();
    }

    /** Which shared parts are in an outage, for /actuator/aisa and the outage gauge. */
    @Bean
    @ConditionalOnMissingBean
    public AisaSharedStateStatus aisaSharedStateStatus(
            ObjectProvider<BudgetLedger> ledger,
            ObjectProvider<SharedCircuitState> circuits,
            ObjectProvider<ResponseCache> cache) {
        AisaSharedStateStatus status = new AisaSharedStateStatus();
        if (ledger.getIfUnique() instanceof RedisBudgetLedger redisLedger) {
            status.add("budget", redisLedger::inOutage);
        }
        if (circuits.getIfUnique() instanceof RedisCircuitState redisCircuits) {
            status.add("circuits", redisCircuits::inOutage);
        }
        if (cache.getIfUnique() instanceof RedisResponseCache redisCache) {
            status.add("cache", redisCache::inOutage);
        }
        return status;
    }

    /** {@code aisa.shared_state.outage}: 1 while Redis does not answer for that part, per part. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {

        @Bean
        io.micrometer.core.instrument.binder.MeterBinder aisaSharedStateMeters(AisaSharedStateStatus status) {
            return registry -> status.outages()
                    .keySet()
                    .forEach(part -> io.micrometer.core.instrument.Gauge.builder(
                                    "aisa.shared_state.outage",
                                    status,
                                    s -> Boolean.TRUE.equals(s.outages().get(part)) ? 1 : 0)
                            .strongReference(true)
                            .description(
                                    "1 while Redis does not answer for this shared part; the instance uses its own state")
                            .tag("part", part)
                            .register(registry));
        }
    }

    private static String prefix(AisaSharedStateProperties properties, Environment environment) {
        if (properties.keyPrefix() != null && !properties.keyPrefix().isBlank()) {
            return properties.keyPrefix();
        }
        return environment.getProperty("spring.application.name", "aisa");
    }

    /** {@code aisa.shared-state.redis.url}, else {@code spring.data.redis.url}, else its host, port and password. */
    private static RedisURI uri(AisaSharedStateProperties properties, Environment environment) {
        String url = properties.redis().url() != null
                ? properties.redis().url()
                : environment.getProperty("spring.data.redis.url");
        if (url != null && !url.isBlank()) {
            return RedisURI.create(url);
        }
        RedisURI.Builder builder = RedisURI.builder()
                .withHost(environment.getProperty("spring.data.redis.host", "localhost"))
                .withPort(environment.getProperty("spring.data.redis.port", Integer.class, 6379))
                .withDatabase(environment.getProperty("spring.data.redis.database", Integer.class, 0))
                .withSsl(environment.getProperty("spring.data.redis.ssl.enabled", Boolean.class, false));
        String password = environment.getProperty("spring.data.redis.password");
        if (password != null) {
            String username = environment.getProperty("spring.data.redis.username");
            if (username != null) {
                builder.withAuthentication(username, password.toCharArray());
            } else {
                builder.withPassword(password.toCharArray());
            }
        }
        return builder.build();
    }
}
