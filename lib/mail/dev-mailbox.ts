// The development mailbox: without SMTP_URL, outgoing mail is written as .eml files under
// ${DATA_DIR}/mail and shown at /dev/mail. Never used when SMTP is configured or in production.
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser, type AddressObject } from "mailparser";
import { dataRoot } from "@/db/client";
import { getConfig, type AppConfig } from "@/lib/config/env";

/**
 * `<ms timestamp>-event-<id>[-<channel tag>].eml` — nothing else is ever read, so no path can
 * escape the folder. The tag keeps two channels' mail for one event (owner, customer) apart.
 */
const MAIL_FILE = /^\d{13}-event-\d{1,19}(?:-[a-z]{1,20})?\.eml$/;
const TAG = /^[a-z]{1,20}$/;
const MAX_MAIL_BYTES = 5 * 1024 * 1024;

export function defaultMailDir(): string {
  return path.join(dataRoot(), "mail");
}

/** Mail goes to the dev mailbox (and /dev/mail shows it): no SMTP_URL, and not in production. */
export function isDevMailboxEnabled(config: Pick<AppConfig, "mail"> = getConfig()): boolean {
  return config.mail.devMailbox;
}

export function isDevMailFileName(name: string): boolean {
  return MAIL_FILE.test(name);
}

/** Stores one message; written to a temp name first so a reader never sees half a file. */
export async function writeDevMail(mailDir: string, eventId: number, message: Buffer, tag?: string): Promise<string> {
  if (tag !== undefined && !TAG.test(tag)) throw new Error("dev mailbox tag must be 1-20 lower-case letters");
  const name = `${String(Date.now()).padStart(13, "0")}-event-${eventId}${tag ? `-${tag}` : ""}.eml`;
  const temp = path.join(mailDir, `.${name}.${process.pid}.tmp`);
  try {
    await writeFile(temp, message, { mode: 0o600 });
  } catch (error) {
    // The folder is made on the first message (or again, if someone removed it), not per message.
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await mkdir(mailDir, { recursive: true });
    await writeFile(temp, message, { mode: 0o600 });
  }
  await rename(temp, path.join(mailDir, name));
  return name;
}

export interface DevMailSummary {
  file: string;
  subject: string;
  to: string;
  date: string | null;
  messageId: string | null;
}

export interface DevMail extends DevMailSummary {
  from: string;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; size: number }[];
}

/** The newest messages first. */
export async function listDevMail(mailDir: string, limit = 100): Promise<DevMailSummary[]> {
  let names: string[];
  try {
    names = await readdir(mailDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const newest = names.filter(isDevMailFileName).sort().reverse().slice(0, limit);
  const mails = await Promise.all(newest.map((file) => readDevMail(mailDir, file)));
  return mails.filter((m): m is DevMail => m !== null).map(({ file, subject, to, date, messageId }) => ({ file, subject, to, date, messageId }));
}

/** One parsed message, or null when the name is not a mailbox file or it does not exist. */
export async function readDevMail(mailDir: string, file: string): Promise<DevMail | null> {
  if (!isDevMailFileName(file)) return null;
  const full = path.join(mailDir, file);
  if (path.dirname(full) !== path.resolve(mailDir)) return null;
  try {
    const info = await stat(full);
    if (!info.isFile() || info.size > MAX_MAIL_BYTES) return null;
    const mail = await simpleParser(await readFile(full));
    return {
      file,
      subject: mail.subject ?? "(no subject)",
      from: addressText(mail.from),
      to: addressText(mail.to),
      date: mail.date?.toISOString() ?? null,
      messageId: mail.messageId ?? null,
      text: mail.text ?? "",
      html: typeof mail.html === "string" ? mail.html : null,
      attachments: mail.attachments.map((a) => ({
        filename: a.filename ?? "(unnamed)",
        contentType: a.contentType,
        size: a.size,
      })),
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function addressText(address: AddressObject | AddressObject[] | undefined): string {
  if (!address) return "";
  return (Array.isArray(address) ? address : [address]).map((a) => a.text).join(", ");
}
