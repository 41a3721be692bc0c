// Without SMTP_URL the owner's mail lands as .eml files that /dev/mail lists and shows.
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config/env";
import { createBookingChannels } from "@/lib/notifications/channels";
import { testRelaySettings } from "@/lib/outbox/testing";
import { createMailTransport } from "./transport";
import { drainOutbox } from "@/lib/outbox/relay";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { insertTestEvent } from "@/lib/testing/outbox";
import { isDevMailboxEnabled, listDevMail, readDevMail, writeDevMail } from "./dev-mailbox";

let db: TestDatabase;
let mailDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  mailDir = await mkdtemp(path.join(tmpdir(), "salon-mail-"));
});
afterAll(async () => {
  await db.dispose();
  await rm(mailDir, { recursive: true, force: true });
});

describe("dev mailbox", () => {
  it("makes its folder on the first message, and again if it was removed meanwhile", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "salon-mail-later-"));
    const folder = path.join(root, "made-later", "mail");
    try {
      const first = await writeDevMail(folder, 1, Buffer.from("Subject: one\r\n\r\nbody"));
      await rm(path.dirname(folder), { recursive: true });
      const second = await writeDevMail(folder, 2, Buffer.from("Subject: two\r\n\r\nbody"));
      expect(first).toMatch(/-event-1\.eml$/);
      expect(await readdir(folder)).toEqual([second]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("stores the owner's mail as an .eml file that can be listed and read back", async () => {
    const fixture = await createSalonFixture(db.db);
    const event = await insertTestEvent(db.db, fixture, { customer: { name: "Dev <Tester>" } });
    const channels = createBookingChannels({
      transport: createMailTransport({ mailDir }),
      from: "Salon booking <bookings@localhost>",
      messageIdDomain: "salon-booking.local",
      appUrl: "http://localhost:3000",
    });
    try {
      await drainOutbox(db.db, { holder: "dev-mail", channels, settings: testRelaySettings() });
    } finally {
      await Promise.all(channels.map((c) => c.close?.()));
    }

    const files = await readdir(mailDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^\\d{13}-event-${event.id}\\.eml$`));

    const listed = await listDevMail(mailDir);
    expect(listed).toEqual([
      expect.objectContaining({ file: files[0], subject: `${fixture.salon.name}: new booking, Cut on Thu 14 Mar 2030, 10:00`, messageId: `<event-${event.id}@salon-booking.local>` }),
    ]);
    expect(listed[0].to).toContain(fixture.owner.email);

    const mail = await readDevMail(mailDir, files[0]);
    expect(mail?.text).toContain("Customer: Dev <Tester>");
    expect(mail?.html).toContain("Dev &#60;Tester&#62;");
    expect(mail?.attachments.map((a) => a.contentType)).toContain("text/calendar");
  });

  it("reads nothing but mailbox files inside the mailbox folder", async () => {
    await writeFile(path.join(path.dirname(mailDir), "secret.eml"), "Subject: secret\n\nno");
    for (const name of ["../secret.eml", "..%2Fsecret.eml", "/etc/passwd", "1234567890123-event-1.eml/../../x", "x.eml", ""]) {
      expect(await readDevMail(mailDir, name)).toBeNull();
    }
    expect(await readDevMail(mailDir, "9999999999999-event-1.eml")).toBeNull();
    expect(await listDevMail(path.join(mailDir, "missing"))).toEqual([]);
    await rm(path.join(path.dirname(mailDir), "secret.eml"));
  });

  it("is only on without SMTP and outside production", () => {
    expect(isDevMailboxEnabled(loadConfig({ NODE_ENV: "development" }))).toBe(true);
    expect(isDevMailboxEnabled(loadConfig({ NODE_ENV: "development", SMTP_URL: "smtp://mail:25" }))).toBe(false);
    expect(isDevMailboxEnabled(loadConfig({ NODE_ENV: "production", AUTH_SECRET: "s".repeat(32) }))).toBe(false);
  });
});
