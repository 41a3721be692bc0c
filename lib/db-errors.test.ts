import { describe, expect, it } from "vitest";
import { pgErrorCode, retryOnDeadlock } from "./db-errors";

// Drizzle wraps the driver's error; the code sits on the cause.
const wrapped = (code: string) => Object.assign(new Error("Failed query"), { cause: Object.assign(new Error(code), { code }) });

describe("retryOnDeadlock", () => {
  it("runs the work again when it was a deadlock victim, and returns its result", async () => {
    let calls = 0;
    const result = await retryOnDeadlock(async () => {
      calls++;
      if (calls === 1) throw wrapped("40P01");
      return "booked";
    });
    expect(result).toBe("booked");
    expect(calls).toBe(2);
  });

  it("does not retry other errors, such as a lost slot (23P01)", async () => {
    let calls = 0;
    const failing = retryOnDeadlock(async () => {
      calls++;
      throw wrapped("23P01");
    });
    await expect(failing).rejects.toSatisfy((e: unknown) => pgErrorCode(e) === "23P01");
    expect(calls).toBe(1);
  });

  it("gives up after the last attempt", async () => {
    let calls = 0;
    const failing = retryOnDeadlock(async () => {
      calls++;
      throw wrapped("40P01");
    }, 3);
    await expect(failing).rejects.toSatisfy((e: unknown) => pgErrorCode(e) === "40P01");
    expect(calls).toBe(3);
  });
});
