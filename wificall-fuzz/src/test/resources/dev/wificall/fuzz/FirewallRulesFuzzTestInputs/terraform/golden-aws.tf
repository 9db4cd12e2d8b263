# wificall: Wi-Fi Calling firewall rules (Terraform, AWS security group egress rules), written from DNS answers.
# Allows UDP/500 (IKE) and UDP/4500 (IKE NAT traversal, ESP in UDP) to these ePDG addresses only:
#   262-01 T-Mobile(Telekom): epdg.epc.mnc001.mcc262.pub.3gppnetwork.org -> 10.77.0.2, fd77::2
#   262-02 Vodafone: epdg.epc.mnc002.mcc262.pub.3gppnetwork.org -> 10.77.0.3, fd77::3
# From: any source
# Apply with terraform plan and apply, var.security_group_id set to the phones' security group.
# A security group allows all egress until its default rule is removed: these rules matter there.
# Sources are not written: the security group is where the phones are.
# Regenerate when the operators' DNS changes; wificall's drift check tells you when.

variable "security_group_id" {
  description = "The security group the phones' traffic leaves by (wificall: Wi-Fi Calling egress)"
  type        = string
}

resource "aws_vpc_security_group_egress_rule" "epdg_262_01_10_77_0_2_udp_500" {
  security_group_id = var.security_group_id
  description       = "wificall: Wi-Fi Calling to 262-01 T-Mobile(Telekom)"
  cidr_ipv4         = "10.77.0.2/32"
  ip_protocol       = "udp"
  from_port         = 500
  to_port           = 500
}

resource "aws_vpc_security_group_egress_rule" "epdg_262_01_10_77_0_2_udp_4500" {
  security_group_id = var.security_group_id
  description       = "wificall: Wi-Fi Calling to 262-01 T-Mobile(Telekom)"
  cidr_ipv4         = "10.77.0.2/32"
  ip_protocol       = "udp"
  from_port         = 4500
  to_port           = 4500
}

resource "aws_vpc_security_group_egress_rule" "epdg_262_02_10_77_0_3_udp_500" {
  security_group_id = var.security_group_id
  description       = "wificall: Wi-Fi Calling to 262-02 Vodafone"
  cidr_ipv4         = "10.77.0.3/32"
  ip_protocol       = "udp"
  from_port         = 500
  to_port           = 500
}

resource "aws_vpc_security_group_egress_rule" "epdg_262_02_10_77_0_3_udp_4500" {
  security_group_id = var.security_group_id
  description       = "wificall: Wi-Fi Calling to 262-02 Vodafone"
  cidr_ipv4         = "10.77.0.3/32"
  ip_protocol       = "udp"
  from_port         = 4500
  to_port           = 4500
}

resource "aws_vpc_security_group_egress_rule" "epdg_262_01_fd77__2_udp_500" {
  security_group_id = var.security_group_id
  description       = "wificall: Wi-Fi Calling to 262-01 T-Mobile(Telekom)"
  cidr_ipv6         = "fd77::2/128"
  ip_protocol       = "udp"
  from_port         = 500
  to_port           = 500
}

resource "aws_vpc_security_group_egress_rule" "epdg_262_01_fd77__2_udp_4500" {
  security_group_id = var.security_group_id
  description       = "wificall: Wi-Fi Calling to 262-01 T-Mobile(Telekom)"
  cidr_ipv6         = "fd77::2/128"
  ip_protocol       = "udp"
  from_port         = 4500
  to_port           = 4500
}

resource "aws_vpc_security_group_egress_rule" "epdg_262_02_fd77__3_udp_500" {
  security_group_id = var.security_group_id
  description       = "wificall: Wi-Fi Calling to 262-02 Vodafone"
  cidr_ipv6         = "fd77::3/128"
  ip_protocol       = "udp"
  from_port         = 500
  to_port           = 500
}

resource "aws_vpc_security_group_egress_rule" "epdg_262_02_fd77__3_udp_4500" {
  security_group_id = var.security_group_id
  description       = "wificall: Wi-Fi Calling to 262-02 Vodafone"
  cidr_ipv6         = "fd77::3/128"
  ip_protocol       = "udp"
  from_port         = 4500
  to_port           = 4500
}
