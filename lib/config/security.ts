import { BlockList, isIP } from "node:net";

// Parsers for the abuse-related settings: rate-limit rules ("20/10m") and the proxies whose
// X-Forwarded-For may be believed (CIDRs). Kept apart from env.ts so the formats are tested alone.

/** At most `max` requests per fixed window of `windowSeconds`; null means the limit is off. */
export interface RateRule {
  max: number;
  windowSeconds: number;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };
const MAX_WINDOW_SECONDS = 7 * 86_400;

/**
 * "20/10m" → 20 per 10 minutes; "off" → no limit. The window is a whole number of seconds (s),
 * minutes (m), hours (h) or days (d), at most a week; the count is 1 to 1,000,000.
 */
export function parseRateRule(value: string): RateRule | null {
  const text = value.trim().toLowerCase();
  if (text === "off") return null;
  const match = /^(\d{1,7})\s*\/\s*(\d{1,6})?\s*([smhd])$/.exec(text);
  if (!match) throw new Error(`must look like 20/10m (a count per s, m, h or d) or off, not ${JSON.stringify(value)}`);
  const max = Number(match[1]);
  const windowSeconds = Number(match[2] ?? 1) * UNIT_SECONDS[match[3]];
  if (max < 1 || max > 1_000_000) throw new Error(`count must be 1 to 1000000, not ${match[1]}`);
  if (windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS) throw new Error("window must be 1s to 7d");
  return { max, windowSeconds };
}

/** "20/10m", for messages and docs. */
export function formatRateRule(rule: RateRule | null): string {
  if (!rule) return "off";
  for (const unit of ["d", "h", "m"] as const) {
    const size = UNIT_SECONDS[unit];
    if (rule.windowSeconds % size === 0) return `${rule.max}/${rule.windowSeconds / size}${unit}`;
  }
  return `${rule.max}/${rule.windowSeconds}s`;
}

/** The proxies in front of the app, as an operator configured them. */
export interface TrustedProxies {
  /** Addresses and CIDRs of proxies; a peer in this list may speak for the client in X-Forwarded-For. */
  list: BlockList | null;
  /** The source text, for the start-up log and /api/health. */
  cidrs: string[];
  /** Alternatively: exactly this many proxies append to X-Forwarded-For in front of every request. */
  hops: number;
}

/** "10.0.0.0/8, 192.168.1.7, fd00::/8" → a BlockList; throws naming the entry it cannot read. */
export function parseTrustedProxies(value: string | undefined): { list: BlockList | null; cidrs: string[] } {
  const entries = (value ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return { list: null, cidrs: [] };
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefixText, extra] = entry.split("/");
    const family = isIP(address);
    if (family === 0 || extra !== undefined) throw new Error(`has ${JSON.stringify(entry)}, which is not an IP address or CIDR`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefixText === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = Number(prefixText);
    if (!/^\d{1,3}$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) {
      throw new Error(`has ${JSON.stringify(entry)}, whose prefix length is out of range`);
    }
    list.addSubnet(address, prefix, type);
  }
  return { list, cidrs: entries };
}
