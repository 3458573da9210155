package one.aisa.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The stall watchdog: an alarm per read, gone as soon as the read returns. */
class IdleTimeoutInputStreamTest {

    @Test
    void a_finished_read_leaves_no_alarm_behind() throws Exception {
        byte[] body = new byte[2_000];
        try (InputStream in = new IdleTimeoutInputStream(new ByteArrayInputStream(body), Duration.ofSeconds(60))) {
            byte[] piece = new byte[2];
            while (in.read(piece, 0, piece.length) != -1) {
                // 1,000 reads, each arming and cancelling an alarm 60 s away
            }
        }

        // before, each cancelled alarm stayed queued for its 60 s: 1,000 here (other tests' reads under way add few)
        assertThat(IdleTimeoutInputStream.pendingAlarms()).isLessThan(50);
    }
}
