package example;

import dev.wificall.junit.EpdgReachable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lab's ePDG for 262-01 answers on UDP/500 and UDP/4500: this test passes. Beside wificall's extension
 * runs one that uses an API JUnit 6 added (Store.computeIfAbsent), so this class compiles on JUnit 6 only.
 */
@EpdgReachable(mcc = 262, mnc = 1)
@ExtendWith(OpenEpdgTest.JUnit6Only.class)
class OpenEpdgTest {

    @Test
    void telekomCarriesWifiCalling() {
        // the JUnit this build really ran on, for JUnitVersionsIT (the surefire report keeps system-out)
        System.out.println("junit-jupiter-api " + version("org.junit.jupiter.api.Test"));
        System.out.println("junit-platform-launcher " + version("org.junit.platform.launcher.Launcher"));
    }

    /** The Implementation-Version of the jar a class comes from, or "absent". */
    static String version(String className) {
        try {
            return String.valueOf(Class.forName(className).getPackage().getImplementationVersion());
        } catch (ClassNotFoundException e) {
            return "absent";
        }
    }

    static final class JUnit6Only implements BeforeEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.create(JUnit6Only.class))
                    .computeIfAbsent("run", k -> Boolean.TRUE, Boolean.class);
        }
    }
}
