// Migrations 0013 (salon contact phone, country, currency, locale) and 0014 (their backfill)
// applied to a database made by the previous schema, with salons in it: each salon gets the
// currency its prices were shown in before (guessed from the zone then), and a country and locale
// derived once from the same zone.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseBefore, type DatabaseBeforeMigration } from "@/lib/testing/migrations";
import { resultRows } from "./rows";

let db: DatabaseBeforeMigration;

beforeAll(async () => {
  db = await databaseBefore("0013_salon_contact_locale");
});
afterAll(async () => {
  await db.dispose();
});

describe("migrations 0013 and 0014: salon contact phone, country, currency and locale", () => {
  it("fills existing salons from their time zone, once", async () => {
    await db.db.execute(sql`
      with owner as (insert into owners (email, name, password_hash) values ('m13@example.test', 'M', 'x') returning id)
      insert into salons (owner_id, slug, name, time_zone)
      select owner.id, v.slug, v.slug, v.zone from owner, (values
        ('in-london', 'Europe/London'), ('in-dublin', 'Europe/Dublin'), ('in-berlin', 'Europe/Berlin'),
        ('in-lisbon', 'Europe/Lisbon'), ('in-new-york', 'America/New_York'), ('in-toronto', 'America/Toronto'),
        ('in-sydney', 'Australia/Sydney'), ('in-tokyo', 'Asia/Tokyo')
      ) as v(slug, zone)`);

    await db.migrateForward();

    const rows = resultRows<{ slug: string; contact_phone: string; country: string; currency: string; locale: string }>(
      await db.db.execute(sql`select slug, contact_phone, country, currency, locale from salons order by slug`),
    );
    expect(Object.fromEntries(rows.map((r) => [r.slug, `${r.country} ${r.currency} ${r.locale} [${r.contact_phone}]`]))).toEqual({
      "in-berlin": "DE EUR de-DE []",
      "in-dublin": "IE EUR en-IE []",
      "in-lisbon": "GB EUR en-GB []",
      "in-london": "GB GBP en-GB []",
      "in-new-york": "US USD en-US []",
      "in-sydney": "AU AUD en-AU []",
      "in-tokyo": "GB USD en-GB []",
      "in-toronto": "CA CAD en-CA []",
    });
  });
});
