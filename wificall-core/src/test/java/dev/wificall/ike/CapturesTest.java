package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes every datagram captured from a real peer under src/test/resources/captures/ (see the
 * README there): each must decode, and its summary must start with the line of its .expect file.
 */
class CapturesTest {

    static Path folder() throws URISyntaxException {
        URL url = CapturesTest.class.getResource("/captures");
        assertThat(url).as("test resource folder captures/").isNotNull();
        return Paths.get(url.toURI());
    }

    static List<Path> captures() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().collect(Collectors.toList());
        }
    }

    /** UDP/4500 captures start with the non-ESP marker. */
    static boolean nonEspMarker(Path capture) {
        return capture.getFileName().toString().contains("-4500");
    }

    /** What a capture says in one line: the response summary for an IKE_SA_INIT answer, the payload chain otherwise. */
    static String summary(byte[] datagram, boolean marker) throws MalformedIkeException {
        IkeMessage m = IkeMessage.decode(datagram, datagram.length, marker);
        if (m.exchangeType() == IkeMessage.IKE_SA_INIT && m.isResponse()) {
            return new SaInitResponse(m, datagram.length).describe();
        }
        return m.describe();
    }

    @Test
    void theFolderHoldsCapturesEachWithItsExpectation() throws Exception {
        List<Path> captures = captures();

        assertThat(captures).as("*.bin files in " + folder()).isNotEmpty();
        for (Path bin : captures) {
            assertThat(expectFile(bin)).as("sidecar of " + bin.getFileName()).exists();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void decodesAndMatchesItsExpectation(Path capture) throws Exception {
        byte[] datagram = Files.readAllBytes(capture);
        List<String> lines = Files.readAllLines(expectFile(capture), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).collect(Collectors.toList());

        String summary = summary(datagram, nonEspMarker(capture));

        assertThat(lines).as(expectFile(capture).getFileName() + " holds one line").hasSize(1);
        assertThat(summary).startsWith(lines.get(0).strip());
        IkeMessage m = IkeMessage.decode(datagram, datagram.length, nonEspMarker(capture));
        // SK and SKF are kept raw without the inner payload type their header names: no byte-exact re-encoding
        if (m.payloads().stream().noneMatch(p -> p.type() == IkePayload.ENCRYPTED || p.type() == IkePayload.ENCRYPTED_FRAGMENT)) {
            assertThat(m.encode(nonEspMarker(capture))).as("re-encodes to the captured bytes").isEqualTo(datagram);
        }
    }

    @Test
    void theMarkerRuleFollowsTheFileName() throws Exception {
        byte[] plain = Samples.strongSwanResponse();
        byte[] marked = new byte[plain.length + 4];
        System.arraycopy(plain, 0, marked, 4, plain.length);

        assertThat(nonEspMarker(Paths.get("peer-4500-answer.bin"))).isTrue();
        assertThat(nonEspMarker(Paths.get("peer-500-answer.bin"))).isFalse();
        // the size counts the whole datagram, marker included
        assertThat(summary(marked, true)).isEqualTo(summary(plain, false).replace("(256 bytes)", "(260 bytes)"));
    }

    private static Path expectFile(Path bin) {
        String name = bin.getFileName().toString();
        return bin.resolveSibling(name.substring(0, name.length() - ".bin".length()) + ".expect");
    }
}
