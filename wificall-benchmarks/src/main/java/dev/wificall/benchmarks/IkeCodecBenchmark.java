package dev.wificall.benchmarks;

import dev.wificall.ike.DhGroup;
import dev.wificall.ike.IkeMessage;
import dev.wificall.ike.IkeProposals;
import dev.wificall.ike.MalformedIkeException;
import dev.wificall.ike.SaInitRequest;
import dev.wificall.ike.SaInitResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The IKE_SA_INIT codec as the probe uses it: encoding the phone's request, decoding strongSwan's
 * answer, and both in a row. Key generation happens once in {@link #setUp()}: an ECP-256 KE costs
 * far more than its encoding and would hide it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IkeCodecBenchmark {
    /** SPIi and endpoints of the request that the captured answer belongs to. */
    private static final long SPI_I = 0x4d9fe7566d89b4b2L;

    private SaInitRequest request;
    private IkeMessage requestMessage;
    private byte[] response;

    @Setup
    public void setUp() throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        request = new SaInitRequest(SPI_I, IkeProposals.PHONE.proposals(), DhGroup.ECP_256,
                DhGroup.ECP_256.generatePublicValue(random), nonce, new byte[0],
                new InetSocketAddress(InetAddress.getByName("10.77.0.1"), 42506),
                new InetSocketAddress(InetAddress.getByName("10.77.0.2"), 500));
        requestMessage = request.message();
        try (InputStream in = IkeCodecBenchmark.class.getResourceAsStream("/strongswan-ike_sa_init-response.bin")) {
            if (in == null) {
                throw new IOException("resource strongswan-ike_sa_init-response.bin is missing from the class path");
            }
            response = in.readAllBytes();
        }
    }

    /** The datagram the probe sends: payloads built (with both NAT detection SHA-1s) and encoded. */
    @Benchmark
    public byte[] encodeRequest() {
        return request.encode(false);
    }

    /** Serialisation alone, of an already built request message. */
    @Benchmark
    public byte[] encodeRequestMessage() {
        return requestMessage.encode();
    }

    /** strongSwan 5.9.8's 256-byte answer, captured in the lab, decoded and verified. */
    @Benchmark
    public IkeMessage decodeResponse() throws MalformedIkeException {
        return IkeMessage.decode(response, response.length, false);
    }

    /** One probe round without the network: encode the request, decode the answer, match and classify it. */
    @Benchmark
    public SaInitResponse.Kind encodeRequestDecodeResponse(Blackhole sent) throws MalformedIkeException {
        sent.consume(request.encode(false));
        IkeMessage answer = IkeMessage.decode(response, response.length, false);
        if (request.mismatch(answer).isPresent()) {
            throw new IllegalStateException("the captured answer does not belong to the benchmark's request");
        }
        return new SaInitResponse(answer, response.length).kind();
    }
}
