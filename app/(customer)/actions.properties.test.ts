import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createBooking } from "@/lib/booking/create-booking";
import { log } from "@/lib/log";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { domainRows, hostileText, oddInstant } from "@/lib/testing/hostile";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

// Property tests over the customer's server actions as a form posts to them (issue 13): the
// booking form and the manage page's move and cancel. Whatever the fields hold, the action answers
// a form state or redirects after the booking is made or changed; it never fails on our side (which
// these actions log as an error before answering "please try again"), and a refusal writes nothing.

let db: TestDatabase;
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => db.db,
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
class Redirect extends Error {}
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Redirect(url);
  },
}));

const { submitBooking } = await import("./s/[slug]/book/actions");
const { cancelAction, rescheduleAction } = await import("./b/[token]/actions");

let f: SalonFixture;
let token: string;
beforeAll(async () => {
  db = await createTestDatabase();
  // Far ahead of the real clock these actions read, inside the fixture's horizon.
  f = await createSalonFixture(db.db, { services: [{ name: "Cut", durationMinutes: 30 }] });
  const made = await createBooking(
    db.db,
    { salon: f.salon.slug, serviceId: f.services[0].id, stylistId: f.stylists[0].id, start: nextStart(), customer: { name: "Ada", email: "ada@example.test" } },
    { actor: NEW_CUSTOMER, idempotencyKey: randomUUID() },
  );
  if (made.status !== "created") throw new Error(made.status);
  token = made.booking.manageToken;
});
afterAll(async () => {
  await db?.dispose();
});

// A fresh free slot per run (10:00 UTC is inside the fixture's London morning hours all year), so refusals
// come from the input, not from a taken slot.
let day = 30;
function nextStart(): string {
  const d = new Date(Date.now() + day++ * 86_400_000);
  d.setUTCHours(10, 0, 0, 0);
  return d.toISOString();
}

function form(entries: Record<string, string | undefined>): FormData {
  const data = new FormData();
  for (const [name, v] of Object.entries(entries)) if (v !== undefined) data.append(name, v);
  return data;
}

async function check(run: () => Promise<unknown>) {
  const before = await domainRows(db.db);
  const failures = vi.spyOn(log, "error");
  try {
    const state = await run();
    expect(failures, JSON.stringify(state)).not.toHaveBeenCalled();
    expect(await domainRows(db.db)).toEqual(before);
  } catch (error) {
    if (!(error instanceof Redirect)) throw error;
    expect(failures).not.toHaveBeenCalled();
  } finally {
    failures.mockRestore();
  }
}

const RUNS = 80;
const maybe = (arb: fc.Arbitrary<string>) => fc.oneof(fc.constant(undefined), arb);

describe("customer actions under hostile input", () => {
  it("the booking form", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: maybe(hostileText),
          email: maybe(fc.oneof(hostileText, fc.constant("ada@example.test"))),
          phone: maybe(hostileText),
          note: maybe(hostileText),
          start: maybe(fc.oneof(oddInstant, fc.constant("fresh"))),
          idempotencyKey: maybe(fc.oneof(hostileText, fc.constant("fresh"))),
        }),
        async (v) => {
          const data = form({
            ...v,
            salon: f.salon.slug,
            serviceId: f.services[0].id,
            stylistId: f.stylists[1].id,
            start: v.start === "fresh" ? nextStart() : v.start,
            idempotencyKey: v.idempotencyKey === "fresh" ? randomUUID() : v.idempotencyKey,
          });
          await check(() => submitBooking({ status: "idle" }, data));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("moving and cancelling through the manage link", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(token), hostileText),
        maybe(oddInstant),
        maybe(fc.oneof(hostileText, fc.constant(f.stylists[1].id))),
        fc.boolean(),
        async (tok, start, stylistId, cancel) => {
          const data = form({ token: tok, start, stylistId });
          // Never the real token for a cancel: the next runs still need a booking to move.
          await check(() => (cancel && tok !== token ? cancelAction({ status: "idle" }, data) : rescheduleAction({ status: "idle" }, data)));
        },
      ),
      { numRuns: RUNS },
    );
  });
});
