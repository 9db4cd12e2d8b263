package dev.wificall.benchmarks;

import dev.wificall.attach.AttachOptions;
import dev.wificall.attach.AttachProbe;
import dev.wificall.attach.AttachResult;
import dev.wificall.attach.AttachSettings;
import dev.wificall.discovery.Plmn;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * Full EAP-AKA attaches to one ePDG address, one after the other in one JVM, for scripts/bench-attach.sh
 * to set beside strongSwan's own client. Credentials from WIFICALL_IMSI, WIFICALL_K, WIFICALL_OPC.
 *
 * <p>Usage: {@code AttachRounds ADDRESS MCC-MNC TRUST_STORE [ROUNDS, default 1]}; prints one line per
 * round: its wall time and outcome (round 1 includes the JVM's warm-up of the crypto and codec).
 */
public final class AttachRounds {

    private AttachRounds() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: AttachRounds ADDRESS MCC-MNC TRUST_STORE [ROUNDS]");
            System.exit(2);
        }
        Plmn plmn = Plmn.parse(args[1]);
        AttachSettings settings = new AttachOptions("attach", args[2], null, null, null, null, null, null, null)
                .toSettings(Path.of("."), System.getenv()).orElseThrow();
        AttachProbe probe = new AttachProbe(settings);
        InetAddress address = InetAddress.getByName(args[0]);
        int rounds = args.length == 4 ? Integer.parseInt(args[3]) : 1;
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            AttachResult r = probe.attach(plmn.epdgFqdn(), plmn, address);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("round=%d wall_ms=%d outcome=%s passed=%s%n", round, millis, r.outcome(), r.passed());
        }
    }
}
