// The load shapes of bench:booking: a closed loop (a fixed number of clients, each sending its
// next request when the last one answered: throughput) and an open loop (requests started on a
// fixed schedule whatever the answers: latency at a given rate).
import { randomUUID } from "node:crypto";
import http from "node:http";

export interface Answer {
  /** HTTP status; 0 when no answer came (see `error`). */
  status: number;
  /** Why no answer came: the socket error's code. */
  error?: string;
  /** From the request's start, or from the time it was due (open loop), to the end of the answer. */
  ms: number;
}

export interface LoadResult {
  ok: number;
  errors: number;
  /** Unexpected answers by HTTP status, or by socket error code when none came. */
  statuses: Record<string, number>;
  /** Latencies of the successful requests, sorted. */
  latencies: number[];
}

/**
 * JSON POSTs over node:http with keep-alive rather than fetch: the load generator shares the
 * machine's two cores with the server and Postgres, and fetch costs it several times the CPU per
 * request. Each request carries a fresh idempotency key.
 */
export function jsonPoster(base: string, maxSockets: number) {
  // An idle socket is closed here after 4 s, before the server's keep-alive timeout (Node's 5 s)
  // closes it: otherwise a request can go out on a socket the server is closing, and fail with
  // ECONNRESET. (The agent's timeout only ever closes idle sockets, not ones awaiting an answer.)
  const agent = new http.Agent({ keepAlive: true, maxSockets, timeout: 4_000 });
  const { hostname, port } = new URL(base);
  return {
    post(path: string, body: unknown, since = performance.now()): Promise<Answer> {
      const payload = JSON.stringify(body);
      return new Promise((resolve) => {
        const req = http.request(
          {
            host: hostname,
            port,
            path,
            method: "POST",
            agent,
            headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), "idempotency-key": randomUUID() },
          },
          (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - since }));
            res.on("error", (e: NodeJS.ErrnoException) => resolve({ status: 0, error: e.code ?? e.message, ms: performance.now() - since }));
          },
        );
        req.on("error", (e: NodeJS.ErrnoException) => resolve({ status: 0, error: e.code ?? e.message, ms: performance.now() - since }));
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

/** `connections` clients, each sending its next request as soon as its last one was answered, for `ms`. */
export async function closedLoop(ms: number, connections: number, send: () => Promise<Answer>, expected = 201): Promise<LoadResult> {
  const tally = new Tally(expected);
  const deadline = performance.now() + ms;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) tally.add(await send());
    }),
  );
  return tally.result();
}

/**
 * `ratePerS` requests a second for `ms`, each started when it is due whether or not earlier ones
 * were answered; its latency counts from when it was due, so a stall of the load generator or
 * the server is not hidden by requests that were never sent (coordinated omission).
 * `sendLagP99Ms` is how late the generator itself started requests.
 */
export async function openLoop(
  ratePerS: number,
  ms: number,
  send: (due: number) => Promise<Answer>,
  expected = 201,
): Promise<LoadResult & { sendLagP99Ms: number }> {
  const total = Math.round((ratePerS * ms) / 1000);
  const started = performance.now();
  const lags: number[] = [];
  const answers: Promise<Answer>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / ratePerS;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    lags.push(Math.max(0, performance.now() - due));
    answers.push(send(due));
  }
  const tally = new Tally(expected);
  for (const answer of await Promise.all(answers)) tally.add(answer);
  lags.sort((a, b) => a - b);
  return { ...tally.result(), sendLagP99Ms: lags[Math.max(0, Math.ceil(0.99 * lags.length) - 1)] ?? 0 };
}

class Tally {
  private latencies: number[] = [];
  private errors = 0;
  private statuses: Record<string, number> = {};
  constructor(private expected: number) {}

  add({ status, error, ms }: Answer): void {
    if (status === this.expected) {
      this.latencies.push(ms);
      return;
    }
    this.errors++;
    const key = status === 0 ? (error ?? "no answer") : String(status);
    this.statuses[key] = (this.statuses[key] ?? 0) + 1;
  }

  result(): LoadResult {
    this.latencies.sort((a, b) => a - b);
    return { ok: this.latencies.length, errors: this.errors, statuses: this.statuses, latencies: this.latencies };
  }
}
