# wificall: Wi-Fi Calling firewall rules (Terraform, GCP firewall rules), written from DNS answers.
# Allows UDP/500 (IKE) and UDP/4500 (IKE NAT traversal, ESP in UDP) to these ePDG addresses only:
#   262-01 T-Mobile(Telekom): epdg.epc.mnc001.mcc262.pub.3gppnetwork.org -> 10.77.0.2, fd77::2
#   262-02 Vodafone: epdg.epc.mnc002.mcc262.pub.3gppnetwork.org -> 10.77.0.3, fd77::3
# From: any source
# Apply with terraform plan and apply, var.network set to the phones' VPC network.
# GCP allows all egress by default: these rules matter beside a deny-egress rule of a larger
# priority number. Sources are not written: the network (or target tags you add) is where the phones are.
# Regenerate when the operators' DNS changes; wificall's drift check tells you when.

variable "network" {
  description = "The VPC network the phones' traffic leaves by (wificall: Wi-Fi Calling egress)"
  type        = string
}

resource "google_compute_firewall" "allow_wifi_calling_ipv4" {
  name               = "allow-wifi-calling-ipv4"
  network            = var.network
  direction          = "EGRESS"
  priority           = 1000
  description        = "wificall: Wi-Fi Calling, UDP/500 and UDP/4500 to the ePDGs only"
  destination_ranges = ["10.77.0.2/32", "10.77.0.3/32"]

  allow {
    protocol = "udp"
    ports    = ["500", "4500"]
  }
}

resource "google_compute_firewall" "allow_wifi_calling_ipv6" {
  name               = "allow-wifi-calling-ipv6"
  network            = var.network
  direction          = "EGRESS"
  priority           = 1000
  description        = "wificall: Wi-Fi Calling, UDP/500 and UDP/4500 to the ePDGs only"
  destination_ranges = ["fd77::2/128", "fd77::3/128"]

  allow {
    protocol = "udp"
    ports    = ["500", "4500"]
  }
}
