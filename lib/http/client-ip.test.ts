import { describe, expect, it } from "vitest";
import { parseTrustedProxies, type TrustedProxies } from "@/lib/config/security";
import { clientIp, ipBucket, normaliseIp, PEER_ADDRESS_HEADER, repairPath, stampPeerAddresses } from "./client-ip";

// Issue 13, finding 3: X-Forwarded-For was trusted as sent, so rotating it bypassed every per-IP
// limit. The client is the socket's peer unless the operator names the proxies in front.

const none: TrustedProxies = { list: null, cidrs: [], hops: 0 };
const behind = (cidrs: string): TrustedProxies => ({ ...parseTrustedProxies(cidrs), hops: 0 });
const hops = (n: number): TrustedProxies => ({ list: null, cidrs: [], hops: n });
const request = (peer: string | undefined, forwarded?: string) =>
  new Headers({ ...(peer !== undefined ? { [PEER_ADDRESS_HEADER]: peer } : {}), ...(forwarded ? { "x-forwarded-for": forwarded } : {}) });

describe("clientIp", () => {
  stampPeerAddresses();

  it("is the socket's peer when no proxy is configured, whatever X-Forwarded-For claims", () => {
    expect(clientIp(request("203.0.113.9", "1.2.3.4"), none)).toBe("203.0.113.9");
    expect(clientIp(request("::ffff:127.0.0.1", "1.2.3.4, 5.6.7.8"), none)).toBe("127.0.0.1");
  });

  it("behind TRUSTED_PROXIES, reads X-Forwarded-For from the right, past the trusted proxies only", () => {
    const proxies = behind("10.0.0.0/8, 192.168.1.1");
    // The client claimed 1.2.3.4; the proxy appended the address it saw.
    expect(clientIp(request("10.0.0.5", "1.2.3.4, 198.51.100.7"), proxies)).toBe("198.51.100.7");
    // Two trusted hops in a row.
    expect(clientIp(request("10.0.0.5", "1.2.3.4, 198.51.100.7, 192.168.1.1"), proxies)).toBe("198.51.100.7");
    // A peer that is not a trusted proxy speaks for nobody but itself.
    expect(clientIp(request("203.0.113.9", "1.2.3.4"), proxies)).toBe("203.0.113.9");
    // Garbage in the header stops the walk at the last trusted address.
    expect(clientIp(request("10.0.0.5", "not-an-ip"), proxies)).toBe("10.0.0.5");
  });

  it("with TRUSTED_PROXY_HOPS, takes the address that many entries from the right", () => {
    expect(clientIp(request("10.0.0.5", "1.2.3.4, 198.51.100.7"), hops(1))).toBe("198.51.100.7");
    expect(clientIp(request("10.0.0.5", "1.2.3.4, 198.51.100.7, 10.9.9.9"), hops(2))).toBe("198.51.100.7");
    // Fewer entries than hops: the request skipped a proxy; the peer is all we know.
    expect(clientIp(request("10.0.0.5"), hops(1))).toBe("10.0.0.5");
  });

  it("unknown without the peer stamp", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4" }), none)).toBeUndefined();
  });
});

describe("ipBucket", () => {
  it("counts IPv4 per address and IPv6 per /64", () => {
    expect(ipBucket("203.0.113.9")).toBe("203.0.113.9");
    expect(ipBucket("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(ipBucket("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(ipBucket("::1")).toBe("0:0:0:0::/64");
  });

  it("normalises what it is given", () => {
    expect(normaliseIp(" [::1] ")).toBe("::1");
    expect(normaliseIp("::FFFF:10.0.0.1")).toBe("10.0.0.1");
    expect(normaliseIp("10.0.0.256")).toBeUndefined();
  });
});

describe("parseTrustedProxies", () => {
  it("refuses what is not an address or CIDR", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/prefix length/);
    expect(() => parseTrustedProxies("proxy.example")).toThrow(/not an IP address or CIDR/);
    expect(parseTrustedProxies(" ").list).toBeNull();
  });
});

describe("repairPath (issue 13, finding 6: /api/v1/salons/%ZZ was a 500)", () => {
  it("escapes the % of a path that does not decode, and leaves every other URL alone", () => {
    expect(repairPath("/api/v1/salons/%ZZ")).toBe("/api/v1/salons/%25ZZ");
    expect(repairPath("/s/%E0%A4%A?date=2027-01-01")).toBe("/s/%25E0%25A4%25A?date=2027-01-01");
    expect(repairPath("/s/shoreditch-cuts?date=%ZZ")).toBe("/s/shoreditch-cuts?date=%ZZ");
    expect(repairPath("/b/abc%20def")).toBe("/b/abc%20def");
    expect(repairPath("/")).toBe("/");
  });
});
