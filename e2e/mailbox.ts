import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";

// The dev mailbox FOLDER of the e2e server (DATA_DIR=.data/e2e, no SMTP_URL): the relay writes
// every mail there as an .eml file. /dev/mail is not served by the production build e2e runs, so
// tests read the folder, as a mail client would read an inbox.
export const E2E_MAIL_DIR = path.resolve(".data/e2e/mail");

/** Waits for the newest mail to `to` whose subject matches and (optionally) whose text contains `containing`. */
export async function waitForMail(to: string, subject: RegExp, containing?: string, timeout = 20_000): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect
    .poll(
      async () => {
        const names = (await readdir(E2E_MAIL_DIR).catch(() => [] as string[])).filter((n) => n.endsWith(".eml"));
        for (const name of names.sort().reverse()) {
          const mail = await simpleParser(await readFile(path.join(E2E_MAIL_DIR, name)));
          const recipients = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address));
          if (recipients.includes(to) && subject.test(mail.subject ?? "") && (!containing || (mail.text ?? "").includes(containing))) {
            found = mail;
            return true;
          }
        }
        return false;
      },
      { timeout, message: `a mail to ${to} with subject ${subject}` },
    )
    .toBe(true);
  return found!;
}
