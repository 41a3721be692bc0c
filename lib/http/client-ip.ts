import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { isIP, type Socket } from "node:net";
import { getConfig } from "@/lib/config/env";
import type { TrustedProxies } from "@/lib/config/security";

// Who is asking: the address of the TCP peer, unless the operator said which proxies stand in
// front (TRUSTED_PROXIES or TRUSTED_PROXY_HOPS); only then is X-Forwarded-For read, from the right.
//
// Next.js does not hand the socket to route handlers or server actions. It sets X-Forwarded-For
// from the socket only when the request has none (`??=` in next/dist/server/base-server.js), so a
// client that sends its own X-Forwarded-For replaces its address with whatever it likes. The peer's
// address is therefore stamped onto every request by Node's `http.server.request.start` diagnostics
// channel, which fires in the server's process before Next.js sees the request, overwriting
// anything a client sent under the same name (instrumentation.ts installs it).

/** The request header carrying the socket's peer address (set by the server, never by clients). */
export const PEER_ADDRESS_HEADER = "x-salon-peer-address";

const globalForPeer = globalThis as unknown as { __salonPeerStamp?: boolean };

/**
 * Prepares each incoming request of this process before Next.js sees it: stamps its socket's peer
 * address, and repairs a path whose percent-escapes do not decode (see repairPath). Idempotent.
 */
export function stampPeerAddresses(): void {
  if (globalForPeer.__salonPeerStamp) return;
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? "";
    if (request.url) request.url = repairPath(request.url);
  });
  globalForPeer.__salonPeerStamp = true;
}

/**
 * A request path whose percent-escapes do not decode ("/api/v1/salons/%ZZ", a cut-off UTF-8
 * sequence) made Next.js answer 500 for every dynamic route: its router throws while decoding the
 * route's parameters. Such a path has each of its "%" escaped instead, so the route sees the
 * literal text the client sent (an unknown slug or token: 404). The query string is left alone.
 */
export function repairPath(url: string): string {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  if (!path.includes("%")) return url;
  try {
    decodeURIComponent(path);
    return url;
  } catch {
    return path.replace(/%/g, "%25") + (end === -1 ? "" : url.slice(end));
  }
}

/** An address as one bucket: IPv4-mapped IPv6 unwrapped; undefined if it is not an address. */
export function normaliseIp(value: string | undefined | null): string | undefined {
  const candidate = value?.trim().replace(/^\[(.*)\]$/, "$1");
  if (!candidate) return undefined;
  const unwrapped = candidate.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(unwrapped) ? unwrapped.toLowerCase() : undefined;
}

/**
 * The client's address, or undefined when it cannot be known (no stamped peer: a test, or a server
 * started some other way). Untrusted X-Forwarded-For entries never win over the peer.
 */
export function clientIp(headers: Headers, proxies: TrustedProxies): string | undefined {
  // Without the stamp in this process, a header of that name could only have come from a client.
  const peer = globalForPeer.__salonPeerStamp ? normaliseIp(headers.get(PEER_ADDRESS_HEADER)) : undefined;
  if (proxies.hops === 0 && !proxies.list) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);

  if (proxies.hops > 0) {
    // Each of the `hops` proxies appended the address it saw: the client is that many from the right.
    if (forwarded.length < proxies.hops) return peer;
    return normaliseIp(forwarded[forwarded.length - proxies.hops]) ?? peer;
  }
  const list = proxies.list!;
  const trusted = (address: string) => list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
  if (!peer || !trusted(peer)) return peer;
  // Walk back from the peer past every trusted proxy; the first address not ours is the client.
  let last = peer;
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const address = normaliseIp(forwarded[i]);
    if (!address) return last;
    if (!trusted(address)) return address;
    last = address;
  }
  return last;
}

/** The client address of a route handler's request, under the configured proxies. */
export function requestIp(request: Request): string | undefined {
  return clientIp(request.headers, getConfig().proxies);
}

/**
 * The rate-limit bucket of an address: IPv4 as is, IPv6 by its /64 (one subscriber's network;
 * a single host can pick any address in it).
 */
export function ipBucket(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  return `${expandIpv6(ip).slice(0, 4).join(":")}::/64`;
}

function expandIpv6(ip: string): string[] {
  // An embedded IPv4 tail (::ffff:1.2.3.4 that was not unwrapped, 64:ff9b::1.2.3.4) is two groups.
  const withoutV4 = ip.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`,
  );
  const [head, tail] = withoutV4.split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((group) => group.replace(/^0+(?=.)/, ""));
}
