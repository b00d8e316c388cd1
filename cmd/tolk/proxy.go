package main

import (
	"fmt"
	"net"
	"strings"
)

// trustedProxies reads --trusted-proxies: addresses and CIDR networks,
// comma-separated, each checked before anything is opened.
func trustedProxies(list string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if _, _, err := net.ParseCIDR(p); err != nil && net.ParseIP(p) == nil {
			return nil, &usageError{fmt.Sprintf("--trusted-proxies: %q is neither an IP address nor a network such as 10.0.0.0/8", p)}
		}
		out = append(out, p)
	}
	return out, nil
}
