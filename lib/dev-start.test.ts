import { describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config/env";
import { devStartNotes } from "./dev-start";

const demo = { email: "ava@example.com", password: "demo-password-ava" };

describe("what npm run dev says at start", () => {
  it("names the embedded database, the dev mailbox and the demo sign-in", () => {
    const config = { ...getConfig(), production: false, appUrl: "http://localhost:3000", dataDir: "/app/.data" };
    const notes = devStartNotes(
      { ...config, database: { ...config.database, url: undefined }, mail: { ...config.mail, devMailbox: true } },
      demo,
    );
    expect(notes.map((n) => n.msg).join("\n")).toMatch(/embedded PGlite; the first start creates, migrates and seeds it/);
    expect(notes.find((n) => n.msg.startsWith("dev mailbox"))?.fields.url).toBe("http://localhost:3000/dev/mail");
    expect(notes.find((n) => n.msg.startsWith("demo sign-in"))?.fields).toEqual({
      url: "http://localhost:3000/sign-in",
      email: "ava@example.com",
      password: "demo-password-ava",
    });
  });

  it("says nothing in production", () => {
    expect(devStartNotes({ ...getConfig(), production: true }, demo)).toEqual([]);
  });
});
