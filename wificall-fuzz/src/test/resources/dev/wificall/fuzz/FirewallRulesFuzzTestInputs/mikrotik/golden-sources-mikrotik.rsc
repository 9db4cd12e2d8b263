# wificall: Wi-Fi Calling firewall rules (MikroTik RouterOS), written from DNS answers.
# Allows UDP/500 (IKE) and UDP/4500 (IKE NAT traversal, ESP in UDP) to these ePDG addresses only:
#   262-01 T-Mobile(Telekom): epdg.epc.mnc001.mcc262.pub.3gppnetwork.org -> 10.77.0.2, fd77::2
#   262-02 Vodafone: epdg.epc.mnc002.mcc262.pub.3gppnetwork.org -> 10.77.0.3, fd77::3
# From: 10.20.0.0/16, 192.168.7.0/24, fd00:20::/64
# Import with: /import file-name=<file> (or paste into a terminal).
# 'add' puts a filter rule at the end of chain forward: move it above any drop there, or add
# place-before=<n> to the command.
# Regenerate when the operators' DNS changes; wificall's drift check tells you when.
# Generated 2026-11-27T08:00:00Z.
/ip firewall address-list add list=epdg-addresses address=10.77.0.2 comment="wificall: 262-01 T-Mobile(Telekom)"
/ip firewall address-list add list=epdg-addresses address=10.77.0.3 comment="wificall: 262-02 Vodafone"
/ip firewall address-list add list=wificall-sources address=10.20.0.0/16 comment="wificall: where the phones are"
/ip firewall address-list add list=wificall-sources address=192.168.7.0/24 comment="wificall: where the phones are"
/ip firewall filter add chain=forward action=accept protocol=udp dst-port=500,4500 dst-address-list=epdg-addresses src-address-list=wificall-sources comment="wificall: Wi-Fi Calling, UDP/500 and UDP/4500 to the ePDGs only"
/ipv6 firewall address-list add list=epdg-addresses address=fd77::2/128 comment="wificall: 262-01 T-Mobile(Telekom)"
/ipv6 firewall address-list add list=epdg-addresses address=fd77::3/128 comment="wificall: 262-02 Vodafone"
/ipv6 firewall address-list add list=wificall-sources address=fd00:20::/64 comment="wificall: where the phones are"
/ipv6 firewall filter add chain=forward action=accept protocol=udp dst-port=500,4500 dst-address-list=epdg-addresses src-address-list=wificall-sources comment="wificall: Wi-Fi Calling, UDP/500 and UDP/4500 to the ePDGs only"
