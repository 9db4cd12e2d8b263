# wificall: Wi-Fi Calling firewall rules (MikroTik RouterOS), written from DNS answers.
# Allows UDP/500 (IKE) and UDP/4500 (IKE NAT traversal, ESP in UDP) to these ePDG addresses only:
#   262-01 T-Mobile(Telekom): epdg.epc.mnc001.mcc262.pub.3gppnetwork.org -> 10.77.0.2, fd77::2
#   262-02 Vodafone: epdg.epc.mnc002.mcc262.pub.3gppnetwork.org -> 10.77.0.3, fd77::3
# From: any source
# Import with: /import file-name=<file> (or paste into a terminal).
# 'add' puts a filter rule at the end of chain forward: move it above any drop there, or add
# place-before=<n> to the command.
# Regenerate when the operators' DNS changes; wificall's drift check tells you when.
/ip firewall address-list add list=epdg-addresses address=10.77.0.2 comment="wificall: 262-01 T-Mobile(Telekom)"
/ip firewall address-list add list=epdg-addresses address=10.77.0.3 comment="wificall: 262-02 Vodafone"
/ip firewall filter add chain=forward action=accept protocol=udp dst-port=500,4500 dst-address-list=epdg-addresses comment="wificall: Wi-Fi Calling, UDP/500 and UDP/4500 to the ePDGs only"
/ipv6 firewall address-list add list=epdg-addresses address=fd77::2/128 comment="wificall: 262-01 T-Mobile(Telekom)"
/ipv6 firewall address-list add list=epdg-addresses address=fd77::3/128 comment="wificall: 262-02 Vodafone"
/ipv6 firewall filter add chain=forward action=accept protocol=udp dst-port=500,4500 dst-address-list=epdg-addresses comment="wificall: Wi-Fi Calling, UDP/500 and UDP/4500 to the ePDGs only"
