package dev.wificall.userplane;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the user-plane check saw through one ePDG's tunnel. Nothing in it is secret.
 *
 * @param fqdn          the ePDG's name
 * @param address       the ePDG address:port the ESP went to
 * @param inner         the inner addresses the ePDG assigned
 * @param espSuite      the Child SA's algorithms, e.g. "ENCR_AES_GCM_16 256"
 * @param passed        whether a phone's calls would get through: ESP both ways, the inner DNS, a
 *                      P-CSCF answering SIP, and a mapping that outlives the phone's keep-alive
 * @param sentence      what was tried, what was seen, what to do
 * @param steps         one per check, in the order they ran
 * @param lifetime      the measured mapping lifetime, when it was measured
 * @param largestInner  the largest inner IPv4 packet that got through, when measured
 * @param transcript    what the tunnel saw, with times
 * @param afterAttach   from the end of the attach to the verdict
 */
public record UserPlaneResult(String fqdn, String address, List<String> inner, String espSuite, boolean passed,
                              String sentence, List<Step> steps, Optional<LifetimeFinding> lifetime,
                              Optional<Integer> largestInner, int espSent, int espReceived, int keepAlivesSent,
                              List<String> transcript, Duration afterAttach) {
    public UserPlaneResult {
        inner = List.copyOf(inner);
        steps = List.copyOf(steps);
        transcript = List.copyOf(transcript);
    }

    /** The checks, as reports and front ends name them. */
    public enum Check {
        ESP_ECHO("ESP both ways (inner echo)"),
        INNER_DNS("inner DNS"),
        SIP_UDP("SIP OPTIONS over UDP"),
        SIP_TCP("SIP OPTIONS over TCP"),
        MTU("largest inner packet"),
        MAPPING_LIFETIME("mapping lifetime"),
        IKE_ON_4500("IKE on UDP/4500 beside ESP");

        private final String label;

        Check(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** How one check ended; WARNING is a finding that does not stop calls today. */
    public enum Status { PASSED, FAILED, WARNING, SKIPPED }

    /** One check: its verdict and sentence. */
    public record Step(Check check, Status status, String sentence, Duration elapsed) {
    }

    /**
     * The mapping lifetime: the longest idle time after which the far side's packet still arrived and
     * the shortest after which it did not, how many requests it took, and the keep-alive check.
     */
    public record LifetimeFinding(Optional<Duration> survived, Optional<Duration> lost, int probes, boolean cutShort,
                                  Optional<Duration> keepAliveInterval, Optional<Boolean> keepAliveHeld) {
    }

    public Optional<Step> step(Check check) {
        return steps.stream().filter(s -> s.check() == check).findFirst();
    }
}
