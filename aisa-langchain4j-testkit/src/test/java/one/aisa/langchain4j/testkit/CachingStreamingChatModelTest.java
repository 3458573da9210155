package one.aisa.langchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.CacheHit;
import one.aisa.langchain4j.cache.CachingChatModel;
import one.aisa.langchain4j.cache.CachingStreamingChatModel;
import one.aisa.langchain4j.cache.InMemoryResponseCache;
import org.junit.jupiter.api.Test;

/** The exact response cache over a streaming model: replays, what a broken stream leaves, single flight. */
@AisaSimulatorTest
class CachingStreamingChatModelTest {

    static final String MODEL = "gpt-4o-mini";

    /** Writes down one stream's callbacks in order; exactly one terminal one is expected. */
    static final class Recorder implements StreamingChatResponseHandler {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Object> end = new CompletableFuture<>();

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            events.add("partial:" + partial.text());
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            events.add("complete:" + response.aiMessage().text());
            end.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            events.add("error:" + error.getClass().getSimpleName());
            end.complete(error);
        }

        Object await() throws Exception {
            return end.get(10, TimeUnit.SECONDS);
        }

        List<String> partials() {
            return events.stream().filter(event -> event.startsWith("partial:")).toList();
        }
    }

    private static ChatRequest ask(String question) {
        return ChatRequest.builder().messages(UserMessage.from(question)).build();
    }

    @Test
    void a_hit_replays_the_same_pieces_then_the_complete_response(AisaSimulator simulator) throws Exception {
        simulator.whenPrompt("story").reply("Once upon a time a gateway answered every model at once.");
        StreamingChatModel cached = CachingStreamingChatModel.builder()
                .model(simulator.streamingChatModel(MODEL))
                .build();

        Recorder first = new Recorder();
        cached.chat(ask("Tell me a story"), first);
        first.await();
        Recorder second = new Recorder();
        cached.chat(ask("Tell me a story"), second);
        ChatResponse replayed = (ChatResponse) second.await();

        assertThat(simulator.chatRequests()).hasSize(1);
        assertThat(first.partials()).hasSizeGreaterThan(3);
        assertThat(second.events).isEqualTo(first.events);
        AisaChatResponseMetadata metadata = (AisaChatResponseMetadata) replayed.metadata();
        assertThat(metadata.cacheHit().kind()).isEqualTo(CacheHit.Kind.EXACT);
        assertThat(metadata.cacheHit().costSaved()).isPositive();
    }

    @Test
    void a_cut_or_failed_stream_is_not_stored(AisaSimulator simulator) throws Exception {
        simulator.whenPrompt("story").reply("Once upon a time a gateway answered every model at once.");
        simulator.failNext(MODEL, 1, SimulatedFault.streamCutAfter(3));
        simulator.failNext(MODEL, 1, SimulatedFault.errorInStream(2));
        StreamingChatModel cached = CachingStreamingChatModel.builder()
                .model(SimulatorTestSupport.noRetryStreaming(simulator, MODEL))
                .build();

        for (int call = 0; call < 2; call++) {
            Recorder broken = new Recorder();
            cached.chat(ask("Tell me a story"), broken);
            assertThat(broken.await()).isInstanceOf(Throwable.class);
        }
        Recorder clean = new Recorder();
        cached.chat(ask("Tell me a story"), clean);
        assertThat(clean.await()).isInstanceOf(ChatResponse.class);
        Recorder replay = new Recorder();
        cached.chat(ask("Tell me a story"), replay);
        replay.await();

        assertThat(simulator.chatRequests())
                .as("two broken streams, one clean one, then a replay")
                .hasSize(3);
        assertThat(replay.events).isEqualTo(clean.events);
    }

    @Test
    void a_hundred_identical_streams_at_once_make_one_call_without_mixing_handlers(AisaSimulator simulator)
            throws Exception {
        simulator
                .whenPrompt("poem")
                .reply("Roses are red, gateways are fast, answers are cached, and costs do not last.");
        simulator.failNext(MODEL, 1, SimulatedFault.latency(Duration.ofMillis(300)));
        StreamingChatModel cached = CachingStreamingChatModel.builder()
                .model(simulator.streamingChatModel(MODEL))
                .build();

        List<Recorder> recorders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Recorder recorder = new Recorder();
            recorders.add(recorder);
            Thread thread = new Thread(() -> cached.chat(ask("Write a poem"), recorder));
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (Recorder recorder : recorders) {
            recorder.await();
        }

        assertThat(simulator.chatRequests()).hasSize(1);
        String expected = "Roses are red, gateways are fast, answers are cached, and costs do not last.";
        for (Recorder recorder : recorders) {
            assertThat(recorder.events).last().isEqualTo("complete:" + expected);
            assertThat(recorder.events)
                    .filteredOn(event -> event.startsWith("complete:"))
                    .hasSize(1);
            assertThat(String.join("", recorder.partials()).replace("partial:", ""))
                    .isEqualTo(expected);
        }
    }

    @Test
    void one_cache_serves_a_blocking_model_what_a_streaming_one_stored(AisaSimulator simulator) throws Exception {
        InMemoryResponseCache shared = InMemoryResponseCache.builder().build();
        StreamingChatModel streaming = CachingStreamingChatModel.builder()
                .model(simulator.streamingChatModel(MODEL))
                .cache(shared)
                .build();
        ChatModel blocking = CachingChatModel.builder()
                .model(simulator.chatModel(MODEL))
                .cache(shared)
                .build();

        Recorder recorder = new Recorder();
        streaming.chat(ask("Capital of Spain?"), recorder);
        ChatResponse streamed = (ChatResponse) recorder.await();
        ChatResponse served = blocking.chat(ask("Capital of Spain?"));

        assertThat(simulator.chatRequests()).hasSize(1);
        assertThat(served.aiMessage().text()).isEqualTo(streamed.aiMessage().text());
        assertThat(((AisaChatResponseMetadata) served.metadata()).cacheHit()).isNotNull();
    }
}
