package one.aisa.langchain4j.routing;

import java.time.Instant;

/**
 * Circuit state that several instances of an application share (e.g. {@code RedisCircuitState} of
 * {@code aisa-langchain4j-redis}): when one instance's breaker opens a model's circuit, the others skip that model
 * too, and when the open period ends, one instance takes the probe while the others wait for its result. Each
 * instance keeps its own breaker; this adds to it. Asked once per model a call tries.
 */
public interface SharedCircuitState {

    /** What the other instances allow for a call to a model now. */
    enum Permit {
        /** Closed everywhere: call. */
        CALL,
        /** The open period is over and this instance takes the one probe: call, then report how it went. */
        PROBE,
        /** Open somewhere, or another instance is probing: skip this model. */
        SKIP
    }

    /** Whether this instance may call the model now. */
    Permit permit(String model, Instant now);

    /** This instance's breaker opened the model's circuit until {@code until}. */
    void opened(String model, Instant until);

    /** The probe this instance took ended: a success closes the circuit everywhere, a failure opens it again. */
    void probeEnded(String model, boolean succeeded, Instant reopenUntil);
}
