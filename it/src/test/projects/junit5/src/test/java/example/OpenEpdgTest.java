package example;

import dev.wificall.junit.EpdgReachable;
import org.junit.jupiter.api.Test;

/** The lab's ePDG for 262-01 answers on UDP/500 and UDP/4500: this test passes. */
@EpdgReachable(mcc = 262, mnc = 1)
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
}
