package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wificall.junit.EpdgReachable;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The resolver (-Dwificall.dns.server) answers in a way that makes the check fail; the extension must
 * say so, and leave nothing running once it has.
 */
class HostileResolverTest {

    /** Fails with the check's sentence: the outer test reads it from the surefire report. */
    @Test
    @EpdgReachable(mcc = 262, mnc = 1)
    void checkedThroughTheHostileResolver() {
    }

    /** Every check has returned by now: whatever wificall or dnsjava started has ended. */
    @AfterAll
    static void nothingOfOursIsLeftRunning() throws InterruptedException {
        List<String> left = List.of();
        for (int i = 0; i < 20; i++) { // the last thread is joined before the check returns; allow a scheduling moment
            left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith("wificall") || n.startsWith("dnsjava") || n.contains("NIO")).sorted().toList();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(10);
        }
        System.out.println("wificall threads left: " + left);
        assertEquals(List.of(), left, "threads still alive after the checks returned");
    }
}
