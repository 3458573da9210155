package one.aisa.langchain4j.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One upstream call per key at a time: the first caller of a key leads, the others follow and hear when it is
 * done. A follower then looks in the cache again and, if the leader's answer was not stored, calls the model
 * itself, so it is only ever served what the cache holds, never another caller's handler or error.
 */
final class SingleFlight {

    private final ConcurrentHashMap<String, CompletableFuture<Void>> flights = new ConcurrentHashMap<>();

    /** A flight for {@code key}: led by this caller when none is under way, else the one to follow. */
    Flight join(String key) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = flights.putIfAbsent(key, mine);
        return running == null ? new Flight(key, mine, true) : new Flight(key, running, false);
    }

    /** How many keys have a call under way. */
    int inFlight() {
        return flights.size();
    }

    /** One caller's part in a flight. */
    final class Flight {

        private final String key;
        private final CompletableFuture<Void> done;
        private final boolean leads;

        private Flight(String key, CompletableFuture<Void> done, boolean leads) {
            this.key = key;
            this.done = done;
            this.leads = leads;
        }

        boolean leads() {
            return leads;
        }

        /** When the leader is done (answered, failed or cancelled). */
        CompletableFuture<Void> done() {
            return done;
        }

        /** Ends the flight: the leader calls it once, however its call ended. */
        void land() {
            if (leads) {
                flights.remove(key, done);
                done.complete(null);
            }
        }
    }
}
