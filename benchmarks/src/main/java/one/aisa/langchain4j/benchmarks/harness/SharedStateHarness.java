package one.aisa.langchain4j.benchmarks.harness;

import static one.aisa.langchain4j.benchmarks.harness.StartupHarness.median;
import static one.aisa.langchain4j.benchmarks.harness.StartupHarness.percentile;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.redis.RedisBudgetLedger;
import one.aisa.langchain4j.redis.RedisCircuitState;
import one.aisa.langchain4j.routing.Budget;
import one.aisa.langchain4j.routing.BudgetLedger;
import one.aisa.langchain4j.routing.InMemoryBudgetLedger;
import one.aisa.langchain4j.routing.RoutingChatModel;
import redis.embedded.RedisServer;

/**
 * What sharing state through Redis adds to each call of a {@link RoutingChatModel}, on loopback: a {@link Budget} on a
 * {@link RedisBudgetLedger}, a {@link RedisCircuitState}, and both, against the same router keeping its budget and
 * breakers in memory. The model answers at once (with a cost, so that the budget records): the difference is Redis.
 * The seven routers and a bare PING take turns, block by block, in rounds. Before each block the Redis budget is
 * emptied (its window then holds at most one block's spends) and Redis's command statistics are reset, so Redis
 * itself counts each block's round trips. A second table times the Redis budget with spends already in its window.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar one.aisa.langchain4j.benchmarks.harness.SharedStateHarness
 * [rounds] [calls per block]} (default 200 and 100: 20,000 measured calls per router, after 100 rounds of warm-up).
 */
public final class SharedStateHarness {

    private static final int WARM_UP_ROUNDS = 100;
    /** The key of every Redis budget here (prefix "bench", budget "default"): emptied before each block. */
    private static final String BUDGET_KEY = "bench:budget:default";
    /** The ledger's running total of the window, next to its spends. */
    private static final String BUDGET_TOTAL_KEY = BUDGET_KEY + ":total";

    private static final BigDecimal CALL_COST = new BigDecimal("0.001");
    /** What the ledger stores for {@link #CALL_COST}: nano-USD. */
    private static final String CALL_COST_NANO_USD = "1000000";

    private static final int[] SPENDS_ALREADY_IN_WINDOW = {0, 100, 1_000, 3_000, 10_000, 100_000};
    private static final int CALLS_PER_WINDOW_SIZE = 200;

    /** Commands a script runs inside Redis: counted by Redis's statistics, but no round trip of their own. */
    private static final List<String> INSIDE_SCRIPTS = List.of(
            "zremrangebyscore",
            "zrangebyscore",
            "zrange",
            "zadd",
            "pexpire",
            "get",
            "set",
            "incrby",
            "decrby",
            "del",
            "sadd",
            "srem",
            "smembers",
            "publish");
    /** The harness's own commands, counted in each block: the reset that starts it and the reading that ends it. */
    private static final List<String> HARNESS = List.of("config", "info");

    /** One router under test (or a bare PING): its calls' times and the commands Redis counted during its blocks. */
    private record Variant(String name, Runnable call, List<Long> nanos, CommandStats commands) {

        Variant(String name, Runnable call) {
            this(name, call, new ArrayList<>(), new CommandStats());
        }

        long[] times() {
            return nanos.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** Calls and time per command, from Redis's {@code INFO commandstats}, summed over blocks. */
    private record CommandStats(Map<String, Long> calls, Map<String, Long> micros) {

        CommandStats() {
            this(new TreeMap<>(), new TreeMap<>());
        }

        /** Adds what {@code INFO commandstats} counted since the last {@code CONFIG RESETSTAT}. */
        void add(String info) {
            info.lines().filter(line -> line.startsWith("cmdstat_")).forEach(line -> {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
                    String[] pair = field.split("=");
                    if (pair[0].equals("calls")) {
                        calls.merge(name, Long.parseLong(pair[1]), Long::sum);
                    } else if (pair[0].equals("usec")) {
                        micros.merge(name, Long.parseLong(pair[1]), Long::sum);
                    }
                }
            });
        }

        /** The commands the client sent: each one round trip (a script's own commands are inside its one). */
        List<String> sent() {
            return calls.keySet().stream()
                    .filter(name -> !INSIDE_SCRIPTS.contains(name) && !HARNESS.contains(name))
                    .toList();
        }

        /** Calls of these commands, per call of the router. */
        double callsPer(List<String> names, int routerCalls) {
            return sum(calls, names) / routerCalls;
        }

        /** Microseconds Redis spent in these commands, per call of the router. */
        double microsPer(List<String> names, int routerCalls) {
            return sum(micros, names) / routerCalls;
        }

        private static double sum(Map<String, Long> counts, List<String> names) {
            return names.stream()
                    .mapToLong(name -> counts.getOrDefault(name, 0L))
                    .sum();
        }
    }

    private SharedStateHarness() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int callsPerBlock = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int port = freePort();
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try {
            RedisCommands<String, String> admin = client.connect().sync();
            String version = admin.info("server").replaceAll("(?s).*redis_version:(\\S+).*", "$1");
            System.out.printf(
                    "java %s; Redis %s; %d rounds of %d calls each, after %d rounds of warm-up%n",
                    System.getProperty("java.version"), version, rounds, callsPerBlock, WARM_UP_ROUNDS);
            List<Variant> variants = variants(client, admin);
            for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
                for (int turn = 0; turn < variants.size(); turn++) {
                    // each round starts with another one, so that none always follows the same one
                    Variant variant = variants.get(Math.floorMod(round + turn, variants.size()));
                    block(admin, variant, callsPerBlock, round >= 0);
                }
            }
            report(variants);
            // a long timeout, so that a read of many spends is timed rather than cut at the default 50 ms
            RoutingChatModel patient = router(redisLedger(client, Duration.ofSeconds(10), false), null);
            reportWindowSizes(admin, patient, median(variants.get(0).times()));
        } finally {
            client.shutdown();
            server.stop();
        }
    }

    /** The seven routers, and a PING for scale; each ledger or state has its own connection, as separate beans would. */
    private static List<Variant> variants(RedisClient client, RedisCommands<String, String> admin) {
        Duration timeout = Duration.ofMillis(50); // the ledger's default
        RoutingChatModel local = router(new InMemoryBudgetLedger(), null);
        RoutingChatModel budget = router(redisLedger(client, timeout, false), null);
        RoutingChatModel background = router(redisLedger(client, timeout, true), null);
        RoutingChatModel asking = router(new InMemoryBudgetLedger(), redisCircuits(client, false));
        RoutingChatModel circuits = router(new InMemoryBudgetLedger(), redisCircuits(client, true));
        RoutingChatModel both = router(redisLedger(client, timeout, false), redisCircuits(client, true));
        RoutingChatModel bothBackground = router(redisLedger(client, timeout, true), redisCircuits(client, true));
        return List.of(
                new Variant("(a) local only: in-memory budget, own breakers", () -> local.chat("hi")),
                new Variant("(b) budget on RedisBudgetLedger", () -> budget.chat("hi")),
                new Variant("(b') budget, spends written in the background", () -> background.chat("hi")),
                new Variant("(c) RedisCircuitState, asking Redis on each permit", () -> asking.chat("hi")),
                new Variant("(d) RedisCircuitState with notifications", () -> circuits.chat("hi")),
                new Variant("(e) both: (b) and (d)", () -> both.chat("hi")),
                new Variant("(e') both: (b') and (d)", () -> bothBackground.chat("hi")),
                new Variant("one Lettuce `PING` on loopback, for scale", admin::ping));
    }

    private static RedisBudgetLedger redisLedger(RedisClient client, Duration timeout, boolean inBackground) {
        return RedisBudgetLedger.builder()
                .connection(client.connect())
                .keyPrefix("bench")
                .timeout(timeout)
                .writeSpendsInBackground(inBackground)
                .build();
    }

    private static RedisCircuitState redisCircuits(RedisClient client, boolean notified) {
        RedisCircuitState.Builder builder = RedisCircuitState.builder().connection(client.connect());
        if (notified) {
            builder.notifications(client.connectPubSub());
        }
        return builder.build();
    }

    private static RoutingChatModel router(BudgetLedger ledger, RedisCircuitState circuits) {
        Budget budget = Budget.builder()
                .limit(new BigDecimal("1000000"))
                .window(Duration.ofHours(1))
                .ledger(ledger)
                .build();
        return RoutingChatModel.builder()
                .route("gpt-4o-mini", new PricedModel())
                .budget(budget)
                .sharedCircuitState(circuits)
                .build();
    }

    /** Times {@code calls} calls; when {@code measured}, keeps their times and the commands Redis counted. */
    private static void block(RedisCommands<String, String> admin, Variant variant, int calls, boolean measured) {
        admin.del(BUDGET_KEY, BUDGET_TOTAL_KEY);
        admin.configResetstat();
        long[] nanos = timeCalls(calls, variant.call());
        if (measured) {
            variant.commands().add(admin.info("commandstats"));
            for (long time : nanos) {
                variant.nanos().add(time);
            }
        }
    }

    private static long[] timeCalls(int calls, Runnable call) {
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void report(List<Variant> variants) {
        long[] local = variants.get(0).times();
        System.out.println();
        System.out.println("| router | median µs | p99 µs | added, median | added, p99 | commands sent per call |"
                + " commands run inside the scripts per call | time inside Redis per call |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Variant variant : variants) {
            long[] times = variant.times();
            CommandStats commands = variant.commands();
            List<String> sent = commands.sent();
            System.out.printf(
                    "| %s | %.1f | %.1f | %+.1f µs | %+.1f µs | %.3f %s | %.3f | %.1f µs |%n",
                    variant.name(),
                    median(times) / 1000,
                    percentile(times, 0.99) / 1000.0,
                    (median(times) - median(local)) / 1000,
                    (percentile(times, 0.99) - percentile(local, 0.99)) / 1000.0,
                    commands.callsPer(sent, times.length),
                    sent,
                    commands.callsPer(INSIDE_SCRIPTS, times.length),
                    commands.microsPer(sent, times.length));
        }
    }

    /** The Redis-budget router again, with spends already in its window (the read sums every one of them). */
    private static void reportWindowSizes(
            RedisCommands<String, String> admin, RoutingChatModel budgeted, double localMedian) {
        System.out.println();
        System.out.println("| spends in the window before the block (+ its own " + CALLS_PER_WINDOW_SIZE
                + ") | median µs | p99 µs | added to (a)'s median | time inside Redis per call |");
        System.out.println("|---|---|---|---|---|");
        for (int spends : SPENDS_ALREADY_IN_WINDOW) {
            seed(admin, spends);
            admin.configResetstat();
            long[] nanos = timeCalls(CALLS_PER_WINDOW_SIZE, () -> budgeted.chat("hi"));
            CommandStats commands = new CommandStats();
            commands.add(admin.info("commandstats"));
            long recorded = admin.zcard(BUDGET_KEY);
            if (recorded != spends + nanos.length) {
                throw new IllegalStateException(
                        "the budget recorded " + recorded + " spends, not " + spends + " + " + nanos.length);
            }
            System.out.printf(
                    "| %,d | %.1f | %.1f | %+.1f µs | %.1f µs |%n",
                    spends,
                    median(nanos) / 1000,
                    percentile(nanos, 0.99) / 1000.0,
                    (median(nanos) - localMedian) / 1000,
                    commands.microsPer(commands.sent(), nanos.length));
        }
    }

    /** An empty budget, then {@code spends} spends of {@link #CALL_COST} made now, as the ledger writes them. */
    private static void seed(RedisCommands<String, String> admin, int spends) {
        admin.del(BUDGET_KEY, BUDGET_TOTAL_KEY);
        long now = System.currentTimeMillis();
        for (int from = 0; from < spends; from += 1_000) {
            List<ScoredValue<String>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(spends, from + 1_000); i++) {
                batch.add(ScoredValue.just(now, CALL_COST_NANO_USD + ":seed-" + i));
            }
            admin.zadd(BUDGET_KEY, batch.toArray(new ScoredValue[0]));
            admin.incrby(BUDGET_TOTAL_KEY, Long.parseLong(CALL_COST_NANO_USD) * batch.size());
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A model that answers at once and reports what the call cost, as the gateway does. */
    private static final class PricedModel implements ChatModel {

        @Override
        public ChatResponse doChat(ChatRequest request) {
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from("ok"))
                    .metadata(AisaChatResponseMetadata.builder()
                            .modelName("gpt-4o-mini")
                            .cost(CALL_COST)
                            .build())
                    .build();
        }
    }
}
