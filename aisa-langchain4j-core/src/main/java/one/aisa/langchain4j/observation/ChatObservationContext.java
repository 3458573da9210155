package one.aisa.langchain4j.observation;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.micrometer.observation.Observation;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one chat observation knows: the request, then the answer's facts (or the error, in
 * {@link #getError()}), and for a stream the times of its chunks.
 */
public class ChatObservationContext extends Observation.Context {

    /** A logical call, or one attempt of one model under a router. */
    public enum Kind {
        /** What the caller asked: one per call, whatever happens beneath. */
        CALL,
        /** One try of one model of a router's chain. */
        ATTEMPT
    }

    private final Kind kind;
    private final ChatRequest request;
    private final String requestModel;
    private final boolean streaming;
    private final long startNanos = System.nanoTime();

    private ChatResponse response;
    private String responseModel;
    private BigDecimal cost;
    private Boolean fellBack;
    private String answeredBy;
    private Integer attempts;
    private String cacheHit;

    private long firstChunkNanos = -1;
    private long lastChunkNanos = -1;
    private int chunks;

    public ChatObservationContext(Kind kind, ChatRequest request, String requestModel, boolean streaming) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.request = Objects.requireNonNull(request, "request");
        this.requestModel = requestModel;
        this.streaming = streaming;
    }

    public Kind kind() {
        return kind;
    }

    public ChatRequest request() {
        return request;
    }

    /** The model asked for: the request's, else the model's (or, for a router, its first model). */
    public String requestModel() {
        return requestModel;
    }

    public boolean streaming() {
        return streaming;
    }

    /** The answer, once there is one. */
    public ChatResponse response() {
        return response;
    }

    /** Sets the answer, and what its metadata knows. */
    public void response(ChatResponse response) {
        this.response = response;
        if (response == null) {
            return;
        }
        this.responseModel = response.modelName();
        if (response.metadata() instanceof ObservationFacts facts) {
            facts.addTo(this);
        }
    }

    public String responseModel() {
        return responseModel;
    }

    /** What the call cost in USD, as the gateway reported it; null when unknown. */
    public BigDecimal cost() {
        return cost;
    }

    public void cost(BigDecimal cost) {
        this.cost = cost;
    }

    /** Whether a router answered with another model than the first it tried; null outside a router. */
    public Boolean fellBack() {
        return fellBack;
    }

    /** The route of a routed answer: the model that answered and how many attempts were made. */
    public void route(String answeredBy, int attempts, boolean fellBack) {
        this.answeredBy = answeredBy;
        this.attempts = attempts;
        this.fellBack = fellBack;
    }

    public String answeredBy() {
        return answeredBy;
    }

    public Integer attempts() {
        return attempts;
    }

    /** {@code exact} or {@code semantic} when the answer came from a response cache; null otherwise. */
    public String cacheHit() {
        return cacheHit;
    }

    public void cacheHit(String kind) {
        this.cacheHit = kind;
    }

    /** A streamed chunk (text, thinking or a tool call's part) reached the caller now. */
    void chunk(long nanos) {
        if (firstChunkNanos < 0) {
            firstChunkNanos = nanos;
        }
        lastChunkNanos = nanos;
        chunks++;
    }

    /** Nanoseconds from the start of the call to its first chunk; -1 when none came (or not streamed). */
    public long timeToFirstChunkNanos() {
        return firstChunkNanos < 0 ? -1 : firstChunkNanos - startNanos;
    }

    /** Mean nanoseconds between the chunks after the first; -1 with fewer than two. */
    public long timePerOutputChunkNanos() {
        return chunks < 2 ? -1 : (lastChunkNanos - firstChunkNanos) / (chunks - 1);
    }

    public int chunks() {
        return chunks;
    }
}
