package dev.wificall.ike;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Naming the phone's proposal (what every probe does first) must not load a Bouncy Castle class:
 * bcprov's jar is signed, and its first class costs a check of the whole jar, ~250 ms of a cold run.
 * Checked in a class loader of its own, which sees this module and bcprov but none of the classes
 * other tests of this JVM have loaded already.
 */
class NoBouncyCastleOnTheProbePathTest {

    /** A loader over the test class path that loads dev.wificall and org.bouncycastle classes itself. */
    private static final class Fresh extends URLClassLoader {
        Fresh(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    void thePhoneProposalAndTheProbeDefaultsLoadNoBouncyCastleClass() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(toUrl(entry));
        }
        try (Fresh loader = new Fresh(urls.toArray(URL[]::new))) {
            Class<?> proposals = Class.forName("dev.wificall.ike.IkeProposals", true, loader);
            assertThat(proposals.getClassLoader()).as("loaded apart from this JVM's copy").isSameAs(loader);
            Object phone = proposals.getField("PHONE").get(null);
            assertThat(phone.toString()).contains("ecp256");
            Class.forName("dev.wificall.probe.ProbeSettings", true, loader).getField("DEFAULTS").get(null);

            assertThat(loader.loaded("dev.wificall.ike.MlKem")).as("the keyword table names ML-KEM").isTrue();
            assertThat(loader.loaded("org.bouncycastle.crypto.params.MLKEMParameters")).isFalse();
            assertThat(loader.loaded("org.bouncycastle.crypto.CipherParameters")).isFalse();
            // and it does load where it is needed: a key pair
            Class<?> kem = Class.forName("dev.wificall.ike.MlKem", true, loader);
            Object mlKem768 = kem.getField("ML_KEM_768").get(null);
            kem.getMethod("generateKeyPair", java.security.SecureRandom.class).invoke(mlKem768, new java.security.SecureRandom());
            assertThat(loader.loaded("org.bouncycastle.crypto.params.MLKEMParameters")).isTrue();
        }
    }

    private static URL toUrl(String entry) {
        try {
            return new File(entry).toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(entry, e);
        }
    }
}
