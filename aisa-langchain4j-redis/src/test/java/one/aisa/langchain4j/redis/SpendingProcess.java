package one.aisa.langchain4j.redis;

import io.lettuce.core.RedisClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import one.aisa.langchain4j.routing.Budget;
import one.aisa.langchain4j.routing.BudgetExceededException;
import one.aisa.langchain4j.routing.RoutingChatModel;

/**
 * Another instance of the application, in its own JVM: a router on the shared budget making {@code calls} calls from
 * {@code threads} threads. Prints how many were answered. Arguments: Redis URL, key prefix, limit, calls, threads.
 */
public final class SpendingProcess {

    private SpendingProcess() {}

    public static void main(String[] args) throws Exception {
        RedisClient client = RedisClient.create(args[0]);
        RedisBudgetLedgerTest.PricedModel model = new RedisBudgetLedgerTest.PricedModel();
        RoutingChatModel router = RoutingChatModel.builder()
                .models(model)
                .budget(Budget.builder()
                        .limit(new BigDecimal(args[2]))
                        .window(Duration.ofHours(1))
                        .action(Budget.Action.FAIL)
                        .ledger(RedisBudgetLedger.builder()
                                .connection(client.connect())
                                .keyPrefix(args[1])
                                .timeout(Duration.ofMillis(500))
                                .build())
                        .build())
                .build();
        int calls = Integer.parseInt(args[3]);
        ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(args[4]));
        AtomicInteger refused = new AtomicInteger();
        List<Callable<Void>> work = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            work.add(() -> {
                try {
                    router.chat("hi");
                } catch (BudgetExceededException e) {
                    refused.incrementAndGet();
                }
                return null;
            });
        }
        for (Future<Void> done : pool.invokeAll(work)) {
            done.get();
        }
        pool.shutdown();
        client.shutdown();
        System.out.println("answered " + model.answered.get() + " refused " + refused.get());
    }
}
