// npm run bench:rate-limit — what the rate limiter adds to a booking: the booking's one limit
// statement (four keys: client address, customer email, salon, confirmation emails; one salon for
// every request, as in bench:booking, so its row is the hot one), run by 32 concurrent clients
// against Postgres, next to a bare `select 1` round trip at the same concurrency.
// Prints progress on stderr and one JSON line last on stdout.
import { sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { migrate } from "@/db/migrate";
import { bookingChecks, consumeRateLimits } from "@/lib/rate-limit";
import { loadConfig } from "@/lib/config/env";
import { benchDatabase, log, percentile } from "./lib";

const CONNECTIONS = 32;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);

async function drive(run: (n: number) => Promise<unknown>): Promise<{ perS: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const deadline = Date.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        await run(next++);
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { perS: Math.round(latencies.length / (DURATION_MS / 1000)), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function main() {
  const database = await benchDatabase("salon_bench_rate_limit");
  const handle = openDatabase({ url: database.url, max: CONNECTIONS });
  try {
    await migrate(handle);
    const rules = loadConfig({}).rateLimits;
    const check = (n: number) =>
      consumeRateLimits(handle.db, bookingChecks(rules, { ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, email: `c${n}@example.test`, salon: "bench-salon" }));
    // Warm-up: connections, prepared statements, JIT.
    for (let i = 0; i < 200; i++) await check(-1 - i);
    log("select 1", { connections: CONNECTIONS, seconds: DURATION_MS / 1000 });
    const roundTrip = await drive(() => handle.db.execute(sql`select 1`));
    log("booking limit check (4 keys)", { connections: CONNECTIONS, seconds: DURATION_MS / 1000 });
    const limit = await drive(check);
    console.log(
      JSON.stringify({
        select1_per_s: roundTrip.perS,
        select1_p50_ms: roundTrip.p50,
        limit_checks_per_s: limit.perS,
        limit_p50_ms: limit.p50,
        limit_p99_ms: limit.p99,
      }),
    );
  } finally {
    await handle.close();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
