package one.aisa.langchain4j.testkit;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelInfo;

/**
 * What the simulator remembers: the models served, the balance, the recorded requests, the scripts and the fault
 * schedule. Written by {@link AisaSimulator} on the test's thread and read by the routes on WireMock's request
 * threads, so every part is thread-safe.
 */
final class GatewayState {

    private final AisaModelCatalog catalog;
    private final Map<String, ModelInfo> models = new ConcurrentHashMap<>();
    private final List<ScriptedReply> scripts = new CopyOnWriteArrayList<>();
    private final FaultSchedule faults = new FaultSchedule();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Object balanceLock = new Object();
    private BigDecimal balance;

    GatewayState(AisaModelCatalog catalog, BigDecimal startingBalance) {
        this.catalog = catalog;
        resetModels();
        this.balance = startingBalance;
    }

    void resetModels() {
        models.clear();
        catalog.models().forEach(model -> models.put(model.id(), model));
    }

    void addModel(ModelInfo model) {
        models.put(model.id(), model);
    }

    /** The model served under {@code id}, or {@code null}. */
    ModelInfo model(String id) {
        return models.get(id);
    }

    Collection<ModelInfo> models() {
        return models.values();
    }

    /** Adds a script ahead of the others: the latest one wins. */
    void addScript(ScriptedReply script) {
        scripts.add(0, script);
    }

    /** The scripts, latest first; iterating sees a snapshot. */
    List<ScriptedReply> scripts() {
        return Collections.unmodifiableList(scripts);
    }

    void clearScripts() {
        scripts.clear();
    }

    FaultSchedule faults() {
        return faults;
    }

    void setBalance(BigDecimal newBalance) {
        synchronized (balanceLock) {
            balance = newBalance;
        }
    }

    BigDecimal balance() {
        synchronized (balanceLock) {
            return balance;
        }
    }

    /** Takes {@code cost} off the balance and returns what is left. */
    BigDecimal charge(BigDecimal cost) {
        synchronized (balanceLock) {
            balance = balance.subtract(cost);
            return balance;
        }
    }

    void record(RecordedRequest request) {
        requests.add(request);
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    void clearRequests() {
        requests.clear();
    }

    /** Counts an answer and returns its number, for response ids. */
    long nextSequence() {
        return sequence.incrementAndGet();
    }

    /** The number of the latest answer. */
    long sequence() {
        return sequence.get();
    }
}
