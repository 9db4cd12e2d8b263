package dev.wificall.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wificall.probe.IkePort;
import dev.wificall.testkit.EpdgSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The testkit's {@link EpdgSimulator} against real IKEv2 initiators: ike-scan on loopback, and
 * strongSwan's charon in the lab's ePDG namespace initiating to the simulator on the root side of
 * the lab's veth. Each must complete IKE_SA_INIT: the simulator's answer is real IKEv2 to them.
 */
@ExtendWith(LabExtension.class)
class SimulatorInteropIT {

    /** The lab's veth in the root namespace, which the namespace wificall-epdg reaches directly. */
    private static final String ROOT_SIDE = "10.77.0.1";
    private static final String NAMESPACE = "wificall-epdg";
    private static final String INITIATOR = "10.77.0.2";

    // --- ike-scan ---

    @ParameterizedTest
    @EnumSource(IkePort.class)
    void ikeScanCompletesIkeSaInit(IkePort port) throws IOException {
        try (EpdgSimulator sim = EpdgSimulator.builder().start()) {
            List<String> command = new ArrayList<>(List.of("ike-scan", "--ikev2", "--dhgroup=14"));
            if (port.nonEspMarker()) {
                command.add("--nat-t"); // the non-ESP marker; before --sport and --dport, which it would reset
            }
            // source port 0: a random one, so that nothing on UDP/500 or UDP/4500 is disturbed
            command.addAll(List.of("--sport=0", "--dport=" + sim.port(port), "127.0.0.1"));
            Lab.Result scan = Lab.Processes.run(command, Path.of("."), Duration.ofSeconds(20));
            assertThat(scan.exit()).as(scan.output()).isZero();
            // ike-scan offers AES-CBC, HMAC-SHA1/MD5 and groups 2, 5, 14 (KE 14): the simulator takes the first it knows
            assertThat(scan.output()).contains("127.0.0.1\tIKEv2 SA_INIT Handshake returned")
                    .contains("SA=(Encr=AES_CBC,KeyLength=256 Prf=HMAC_SHA1 Integ=HMAC_SHA1_96 DH_Group=14:modp2048)")
                    .contains("KeyExchange(260 bytes) Nonce(32 bytes)")
                    .contains("1 returned handshake; 0 returned notify");
            assertThat(sim.datagramsReceived(port)).isPositive();
        }
    }

    @Test
    void ikeScanWithItsDefaultGroupIsAskedForGroup14() throws IOException {
        try (EpdgSimulator sim = EpdgSimulator.builder().start()) {
            Lab.Result scan = Lab.Processes.run(List.of("ike-scan", "--ikev2", "--sport=0",
                    "--dport=" + sim.port(IkePort.UDP_500), "127.0.0.1"), Path.of("."), Duration.ofSeconds(20));
            assertThat(scan.exit()).as(scan.output()).isZero();
            assertThat(scan.output()).contains("127.0.0.1\tNotify message 17 (INVALID_KE_PAYLOAD)")
                    .contains("0 returned handshake; 1 returned notify");
        }
    }

    // --- strongSwan ---

    /**
     * On the real ports, as a phone meets its ePDG: IKE_SA_INIT on UDP/500; with MOBIKE charon then
     * moves to UDP/4500 for IKE_AUTH, which the simulator (without keys) leaves unanswered.
     */
    @Test
    void strongSwanCompletesIkeSaInitOnUdp500AndMovesTo4500ForIkeAuth(Lab lab, @TempDir Path dir) throws Exception {
        try (EpdgSimulator sim = EpdgSimulator.builder().address(InetAddress.getByName(ROOT_SIDE)).portOffset(0).start();
             Charon charon = Charon.start(dir)) {
            String log = charon.initiate(sim.port(IkePort.UDP_500));
            assertThat(log).as(charon.log())
                    .contains("sending packet: from " + INITIATOR + "[")
                    .contains("to " + ROOT_SIDE + "[500] (")
                    .contains("received packet: from " + ROOT_SIDE + "[500] to " + INITIATOR + "[")
                    .contains("parsed IKE_SA_INIT response 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) ]")
                    .contains("selected proposal: IKE:AES_GCM_16_256/PRF_HMAC_SHA2_256/ECP_256")
                    .contains("generating IKE_AUTH request 1 [ IDi")
                    .containsPattern("sending packet: from " + INITIATOR.replace(".", "\\.") + "\\[\\d+] to "
                            + ROOT_SIDE.replace(".", "\\.") + "\\[4500]")
                    // charon checked the simulator's NAT detection hashes and found them right
                    .doesNotContain("behind NAT");
            assertThat(sim.datagramsReceived(IkePort.UDP_500)).isEqualTo(1);
            assertThat(sim.datagramsReceived(IkePort.UDP_4500)).isPositive();
        }
    }

    /**
     * At a port offset: to strongSwan any remote port but 500 is NAT traversal, so it sends with the
     * non-ESP marker, which is the simulator's "4500".
     */
    @Test
    void strongSwanCompletesIkeSaInitWithTheSimulatorsUdp4500AtAnOffset(Lab lab, @TempDir Path dir) throws Exception {
        try (EpdgSimulator sim = EpdgSimulator.builder().address(InetAddress.getByName(ROOT_SIDE)).start();
             Charon charon = Charon.start(dir)) {
            int port = sim.port(IkePort.UDP_4500);
            String log = charon.initiate(port);
            assertThat(log).as(charon.log())
                    .contains("received packet: from " + ROOT_SIDE + "[" + port + "] to " + INITIATOR + "[")
                    .contains("parsed IKE_SA_INIT response 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) ]")
                    .contains("selected proposal: IKE:AES_GCM_16_256/PRF_HMAC_SHA2_256/ECP_256")
                    .contains("generating IKE_AUTH request 1 [ IDi")
                    .doesNotContain("behind NAT");
            assertThat(sim.datagramsReceived(IkePort.UDP_4500)).isGreaterThanOrEqualTo(2);
            assertThat(sim.datagramsReceived(IkePort.UDP_500)).isZero();
        }
    }

    /**
     * A charon of its own in the lab's ePDG namespace, beside the lab's: random local ports, its pid
     * file and vici socket in {@code dir/run} (bound over /run in the private mount namespace
     * {@code ip netns exec} gives it), PSK authentication, and no retransmission of the IKE_AUTH the
     * simulator never answers. Closing it stops it; lab.sh down would stop it too.
     */
    private static final class Charon implements AutoCloseable {
        private static final String SECRET = "wificall-simulator-interop";
        private final Path dir;
        private final Process process;

        private Charon(Path dir, Process process) {
            this.dir = dir;
            this.process = process;
        }

        static Charon start(Path dir) throws IOException, InterruptedException {
            Files.createDirectories(dir.resolve("run"));
            Files.createDirectories(dir.resolve("swanctl"));
            Files.writeString(dir.resolve("strongswan.conf"), strongswanConf(dir), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("ip", "netns", "exec", NAMESPACE, "/bin/sh", "-c",
                    "mount --bind \"$1/run\" /run && exec env STRONGSWAN_CONF=\"$1/strongswan.conf\" /usr/lib/ipsec/charon",
                    "sh", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("charon.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            Charon charon = new Charon(dir, p);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!Files.exists(dir.resolve("run/charon.vici"))) {
                if (!p.isAlive() || System.nanoTime() > end) {
                    charon.close();
                    throw new IllegalStateException("charon did not open its vici socket in 5 s:\n" + charon.log());
                }
                Thread.sleep(20);
            }
            return charon;
        }

        /** Loads a connection to the simulator on {@code remotePort}, initiates it and returns swanctl's log of it. */
        String initiate(int remotePort) throws IOException {
            Files.writeString(dir.resolve("swanctl/swanctl.conf"), swanctlConf(remotePort), StandardCharsets.UTF_8);
            Lab.Result load = swanctl("--load-all", "--noprompt");
            if (load.exit() != 0) {
                throw new IllegalStateException("swanctl --load-all failed:\n" + load.output() + "\n" + log());
            }
            // fails in the end: the simulator does not answer IKE_AUTH
            return swanctl("--initiate", "--child", "sim", "--ike", "sim", "--timeout", "15").output();
        }

        private Lab.Result swanctl(String... args) {
            List<String> command = new ArrayList<>(List.of("env", "STRONGSWAN_CONF=" + dir.resolve("strongswan.conf"),
                    "SWANCTL_DIR=" + dir.resolve("swanctl"), "swanctl"));
            command.addAll(List.of(args));
            command.addAll(List.of("--uri", "unix://" + dir.resolve("run/charon.vici")));
            return Lab.Processes.run(command, dir, Duration.ofSeconds(30));
        }

        String log() {
            try {
                return Files.readString(dir.resolve("charon.log"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no charon.log: " + e + ")";
            }
        }

        @Override
        public void close() throws InterruptedException {
            // ip netns exec and sh exec charon: the process is charon itself; it takes up to ~3 s after SIGTERM
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }

        private static String strongswanConf(Path dir) {
            return """
                    # a strongSwan initiator for SimulatorInteropIT (charon in netns %s)
                    charon {
                      # only these plugins; never 'resolve' (it rewrites /etc/resolv.conf)
                      load_modular = no
                      load = random nonce openssl sha1 sha2 hmac kdf gcm aes kernel-netlink socket-default vici
                      # random local ports: the lab's charon holds 500 and 4500 in this namespace
                      port = 0
                      port_nat_t = 0
                      # touch nothing in the namespace: no routes, no virtual IPs, no routing rule
                      install_routes = no
                      install_virtual_ip = no
                      routing_table = 0
                      # the simulator never answers IKE_AUTH: give up after its first send
                      retransmit_tries = 0
                      retransmit_timeout = 1
                      plugins {
                        vici {
                          socket = unix://%s/run/charon.vici
                        }
                      }
                      filelog {
                        stderr {
                          default = 1
                          ike = 2
                          cfg = 2
                        }
                      }
                    }
                    swanctl {
                      load = random nonce openssl
                    }
                    """.formatted(NAMESPACE, dir);
        }

        private static String swanctlConf(int remotePort) {
            return """
                    connections {
                      sim {
                        version = 2
                        local_addrs = %s
                        remote_addrs = %s
                        remote_port = %d
                        proposals = aes256gcm16-prfsha256-ecp256
                        local {
                          auth = psk
                          id = ue@simulator.wificall.test
                        }
                        remote {
                          auth = psk
                          id = epdg.simulator.wificall.test
                        }
                        children {
                          sim {
                            esp_proposals = aes256gcm16
                          }
                        }
                      }
                    }
                    secrets {
                      ike-sim {
                        id = ue@simulator.wificall.test
                        secret = %s
                      }
                    }
                    """.formatted(INITIATOR, ROOT_SIDE, remotePort, SECRET);
        }
    }
}
