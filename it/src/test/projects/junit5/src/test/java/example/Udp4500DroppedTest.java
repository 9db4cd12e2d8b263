package example;

import dev.wificall.junit.EpdgReachable;
import org.junit.jupiter.api.Test;

/** The lab drops UDP/4500 to 262-02's ePDG: this test must fail, naming UDP/4500. */
@EpdgReachable(mcc = 262, mnc = 2)
class Udp4500DroppedTest {

    @Test
    void vodafoneCarriesWifiCalling() {
    }
}
