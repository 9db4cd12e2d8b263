package dev.wificall.firewall.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import dev.wificall.firewall.RulesParseException;
import dev.wificall.firewall.terraform.HclReader.Block;
import dev.wificall.firewall.terraform.HclReader.Expression;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HCL subset reader: what it makes of each construct, the same as hcl4j where both give a value. */
class HclReaderTest {

    private static final String SAMPLE = """
            # a comment
            // another
            /* a block
               comment */
            variable "network" {
              type = string
            }

            resource "google_compute_firewall" "x" {
              name      = "a \\"quoted\\" name"
              network   = var.network
              priority  = 1000
              disabled  = false
              ranges    = [
                "10.77.0.2/32",
                "fd77::2/128",
              ]
              labels    = { team = "net", "cost-centre" = "7" }
              self_link = format("%s-%d", var.network, 2)
              allow {
                protocol = "udp"
                ports    = ["500", "4500"]
              }
            }
            """;

    @Test
    void readsBlocksAttributesAndValuesWithTheirLines() {
        Block top = HclReader.read("f.tf", SAMPLE);
        assertThat(top.blocks()).extracting(Block::type, Block::labels, Block::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("variable", List.of("network"), 5),
                org.assertj.core.groups.Tuple.tuple("resource", List.of("google_compute_firewall", "x"), 9));
        Block r = top.blocks().get(1);
        assertThat(r.attributes().get("name").value()).isEqualTo("a \"quoted\" name");
        assertThat(r.attributes().get("network").value()).isEqualTo(new Expression("var.network"));
        assertThat(r.attributes().get("priority").value()).isEqualTo(1000L);
        assertThat(r.attributes().get("disabled").value()).isEqualTo(false);
        assertThat(r.attributes().get("ranges").value()).isEqualTo(List.of("10.77.0.2/32", "fd77::2/128"));
        assertThat(r.attributes().get("ranges").line()).isEqualTo(14);
        assertThat(r.attributes().get("labels").value()).isEqualTo(Map.of("team", "net", "cost-centre", "7"));
        assertThat(r.attributes().get("self_link").value()).isEqualTo(new Expression("format(\"%s-%d\",var.network,2)"));
        assertThat(r.blocks("allow")).singleElement().satisfies(a -> {
            assertThat(a.attributes().get("protocol").value()).isEqualTo("udp");
            assertThat(a.attributes().get("ports").value()).isEqualTo(List.of("500", "4500"));
        });
    }

    @Test
    void hcl4jReadsTheSampleToTheSameLiterals() throws Exception {
        Map<String, Object> theirs = new HCLParser().parse(SAMPLE.replace("  self_link = format(\"%s-%d\", var.network, 2)\n",
                ""));
        Map<?, ?> x = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) theirs.get("resource")).get("google_compute_firewall")).get("x");
        Block ours = HclReader.read("f.tf", SAMPLE).blocks().get(1);
        for (String key : List.of("name", "ranges", "labels")) {
            assertThat(x.get(key)).as(key).isEqualTo(ours.attributes().get(key).value());
        }
        assertThat(((Number) x.get("priority")).longValue()).isEqualTo(ours.attributes().get("priority").value());
    }

    @Test
    void whatTheSubsetDoesNotHoldIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> HclReader.read("f.tf", "locals {\n  a = 1 + 2\n}\n"))
                .isInstanceOf(RulesParseException.class)
                .hasMessage("f.tf line 2: 'a = 1 + 2': expected HCL: '+' is not read here (operators, conditionals and"
                        + " templates are not)");
        assertThatThrownBy(() -> HclReader.read("f.tf", "locals {\n  a = <<EOT\nx\nEOT\n}\n"))
                .hasMessage("f.tf line 2: 'a = <<EOT': expected a quoted string: heredocs (<<EOT) are not read");
        assertThatThrownBy(() -> HclReader.read("f.tf", "}\n")).hasMessage("f.tf line 1: '}': found } with no block open");
        assertThatThrownBy(() -> HclReader.read("f.tf", "a = \"open\n"))
                .hasMessage("f.tf line 1: 'a = \"open': expected a closing \" on the same line");
    }
}
