import type { RateLimitRules } from "@/lib/config/env";

/** What an API handler knows about who is asking, and the limits to hold them to. */
export interface ApiCaller {
  now?: Date;
  /** The client's address (lib/http/client-ip.ts); undefined when unknown. */
  clientIp?: string;
  /** Default: the configured limits (lib/config/env.ts). */
  rules?: RateLimitRules;
}
