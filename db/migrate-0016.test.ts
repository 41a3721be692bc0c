// Migrations 0016–0018 (salon opening hours, stylists' own days, the effective_hours view)
// applied to a database made by the previous schema, with stylists and their hours in it: every
// existing stylist keeps exactly the week they had, days off included, and no salon has hours.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseBefore, type DatabaseBeforeMigration } from "@/lib/testing/migrations";
import { resultRows } from "./rows";

let db: DatabaseBeforeMigration;

beforeAll(async () => {
  db = await databaseBefore("0016_salon_hours");
});
afterAll(async () => {
  await db.dispose();
});

const week = (rows: { stylist: string; weekday: number; start_time: string; end_time: string }[]) =>
  rows.map((r) => `${r.stylist} ${r.weekday} ${r.start_time.slice(0, 5)}-${r.end_time.slice(0, 5)}`);

describe("migrations 0016–0018: salon hours and stylists' own days", () => {
  it("keeps every existing stylist's hours and days off, and new stylists follow the salon", async () => {
    await db.db.execute(sql`
      with owner as (insert into owners (email, name, password_hash) values ('m15@example.test', 'M', 'x') returning id),
           salon as (insert into salons (owner_id, slug, name, time_zone) select id, 'm15', 'M15', 'Europe/London' from owner returning id),
           staff as (insert into stylists (salon_id, name) select salon.id, v.name from salon, (values ('Ann'), ('Bob')) as v(name) returning id, name)
      insert into working_hours (stylist_id, weekday, start_time, end_time)
      select staff.id, v.weekday, v.start_time::time, v.end_time::time from staff join (values
        ('Ann', 1, '09:00', '12:30'), ('Ann', 1, '13:30', '18:00'), ('Ann', 2, '10:00', '16:00'),
        ('Bob', 6, '08:00', '14:00')
      ) as v(name, weekday, start_time, end_time) on v.name = staff.name`);
    const before = resultRows<{ stylist: string; weekday: number; start_time: string; end_time: string }>(
      await db.db.execute(sql`select st.name as stylist, wh.weekday, wh.start_time::text, wh.end_time::text
        from working_hours wh join stylists st on st.id = wh.stylist_id order by 1, 2, 3`),
    );

    await db.migrateForward();

    const effective = () =>
      db.db.execute(sql`select st.name as stylist, eh.weekday, eh.start_time::text, eh.end_time::text
        from effective_hours eh join stylists st on st.id = eh.stylist_id order by 1, 2, 3`);
    const after = resultRows<{ stylist: string; weekday: number; start_time: string; end_time: string }>(await effective());
    expect(week(after)).toEqual(week(before));
    const owned = resultRows<{ name: string; days: number }>(
      await db.db.execute(sql`select st.name, count(*)::int as days from stylist_own_days od join stylists st on st.id = od.stylist_id group by 1 order by 1`),
    );
    expect(owned).toEqual([{ name: "Ann", days: 7 }, { name: "Bob", days: 7 }]);
    expect(resultRows(await db.db.execute(sql`select * from salon_hours`))).toEqual([]);

    // Opening the salon on Wednesday changes nothing for them (every day is theirs), but a
    // stylist added now works it.
    await db.db.execute(sql`
      with salon as (select id from salons where slug = 'm15'),
           added as (insert into stylists (salon_id, name) select id, 'Cat' from salon returning id)
      insert into salon_hours (salon_id, weekday, start_time, end_time) select id, 3, '09:00', '17:00' from salon`);
    const withSalonHours = resultRows<{ stylist: string; weekday: number; start_time: string; end_time: string }>(await effective());
    expect(week(withSalonHours)).toEqual([...week(before), "Cat 3 09:00-17:00"]);
  });

  it("refuses working hours on a day that is not the stylist's own", async () => {
    const insert = db.db.execute(sql`
      insert into working_hours (stylist_id, weekday, start_time, end_time)
      select id, 3, '09:00', '17:00' from stylists where name = 'Cat'`);
    await expect(insert).rejects.toThrow();
  });
});
