package one.aisa.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link StreamingChatResponseHandler} that writes down every callback, in order, as a readable line, with the
 * name of the thread it came on:
 *
 * <pre>
 * partial:Hel
 * thinking:Let me
 * partialTool:0:call_a1:get_weather:{"ci
 * completeTool:0:call_a1:get_weather:{"city":"Paris"}
 * unmapped            (a raw event the model did not map to a typed callback)
 * complete:Hello      (the final AiMessage text)
 * error:AisaServerException:AIsa gateway error: ...
 * </pre>
 *
 * <p>Tests wait for the end with {@link #awaitComplete()}, {@link #awaitError()} or {@link #awaitTerminal()}; every
 * wait is bounded by {@link #TIMEOUT}. Optional hooks let a test act inside a callback (cancel, throw).
 */
final class RecordingStreamingHandler implements StreamingChatResponseHandler {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What a test may do inside {@code onPartialResponse}: the 1-based count of partials so far, and the context. */
    @FunctionalInterface
    interface PartialHook {
        void onPartial(int count, PartialResponse partial, PartialResponseContext context);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<String> log = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();
    private final AtomicInteger partials = new AtomicInteger();
    private final CompletableFuture<ChatResponse> completed = new CompletableFuture<>();
    private final CompletableFuture<Throwable> firstError = new CompletableFuture<>();
    private final CompletableFuture<Object> terminal = new CompletableFuture<>();
    private final List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile PartialHook partialHook = (count, partial, context) -> {};
    private volatile Runnable completeHook = () -> {};
    private volatile StreamingHandle lastHandle;

    RecordingStreamingHandler onPartial(PartialHook hook) {
        this.partialHook = hook;
        return this;
    }

    RecordingStreamingHandler onComplete(Runnable hook) {
        this.completeHook = hook;
        return this;
    }

    // ---- callbacks

    @Override
    public void onPartialResponse(String partialResponse) {
        record("partial:" + partialResponse);
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
        lastHandle = context.streamingHandle();
        record("partial:" + partialResponse.text());
        partialHook.onPartial(partials.incrementAndGet(), partialResponse, context);
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking) {
        record("thinking:" + partialThinking.text());
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
        lastHandle = context.streamingHandle();
        record("thinking:" + partialThinking.text());
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
        record(describe(partialToolCall));
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
        lastHandle = context.streamingHandle();
        record(describe(partialToolCall));
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
        ToolExecutionRequest request = completeToolCall.toolExecutionRequest();
        record("completeTool:" + completeToolCall.index() + ":" + request.id() + ":" + request.name() + ":"
                + request.arguments());
    }

    @Override
    public void onUnmappedRawEvent(Object rawEvent) {
        record("unmapped");
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
        record("complete:" + completeResponse.aiMessage().text());
        completed.complete(completeResponse);
        terminal.complete(completeResponse);
        completeHook.run();
    }

    @Override
    public void onError(Throwable error) {
        errors.add(error);
        record("error:" + error.getClass().getSimpleName() + ":" + error.getMessage());
        firstError.complete(error);
        terminal.complete(error);
    }

    private static String describe(PartialToolCall call) {
        return "partialTool:" + call.index() + ":" + call.id() + ":" + call.name() + ":" + call.partialArguments();
    }

    private void record(String line) {
        lock.lock();
        try {
            log.add(line);
            threads.add(Thread.currentThread().getName());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- waiting

    /** Waits for {@code onCompleteResponse}; fails on timeout, or at once if {@code onError} came first. */
    ChatResponse awaitComplete() throws InterruptedException {
        Object end = awaitTerminal();
        if (end instanceof ChatResponse) {
            return completed.getNow(null);
        }
        // onError may precede onCompleteResponse when user code throws; wait for completion itself then
        try {
            return completed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            AssertionError failure = new AssertionError("expected onCompleteResponse, got " + all());
            failure.initCause((Throwable) end);
            throw failure;
        }
    }

    /** Waits for the first {@code onError}; fails on timeout or if the stream completed instead. */
    Throwable awaitError() throws InterruptedException {
        Object end = awaitTerminal();
        if (end instanceof Throwable error) {
            return error;
        }
        throw new AssertionError("expected onError, but the stream completed: " + all());
    }

    /** Waits for the first terminal callback ({@code onCompleteResponse} or {@code onError}) and returns it. */
    Object awaitTerminal() throws InterruptedException {
        try {
            return terminal.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no onCompleteResponse/onError within " + TIMEOUT + "; so far: " + all());
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until at least {@code count} typed callbacks (unmapped raw events not counted) were recorded. */
    void awaitCallbacks(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        lock.lock();
        try {
            while (log.stream().filter(line -> !line.equals("unmapped")).count() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("fewer than " + count + " callbacks within " + TIMEOUT + ": " + log);
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asserts that no callback at all arrives within {@code quietPeriod} from now: used after a terminal callback or
     * a cancellation, where the point is that nothing more comes.
     */
    void assertNoMoreCallbacksWithin(Duration quietPeriod) throws InterruptedException {
        long deadline = System.nanoTime() + quietPeriod.toNanos();
        lock.lock();
        try {
            int seen = log.size();
            while (log.size() == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                changed.awaitNanos(left);
            }
            throw new AssertionError(
                    "unexpected callback(s) after the end: " + log.subList(seen, log.size()) + "; whole log: " + log);
        } finally {
            lock.unlock();
        }
    }

    // ---- reading the record

    /** Every callback in order, raw {@code unmapped} events included. */
    List<String> all() {
        lock.lock();
        try {
            return List.copyOf(log);
        } finally {
            lock.unlock();
        }
    }

    /** Every typed callback in order (without {@code unmapped} raw events). */
    List<String> callbacks() {
        return all().stream().filter(line -> !line.equals("unmapped")).toList();
    }

    /** {@link #callbacks()} with error messages cut off: {@code error:<ExceptionClass>}. */
    List<String> shape() {
        return callbacks().stream()
                .map(line -> line.startsWith("error:") ? line.substring(0, line.indexOf(':', 6)) : line)
                .toList();
    }

    /** The name of the thread of each callback, in the order of {@link #all()}. */
    List<String> threadNames() {
        lock.lock();
        try {
            return List.copyOf(threads);
        } finally {
            lock.unlock();
        }
    }

    Set<String> distinctThreadNames() {
        return new LinkedHashSet<>(threadNames());
    }

    List<Throwable> errors() {
        return List.copyOf(errors);
    }

    boolean completed() {
        return completed.isDone();
    }

    /** The streaming handle of the most recent partial callback's context. */
    StreamingHandle lastHandle() {
        return lastHandle;
    }
}
