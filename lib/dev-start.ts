import type { AppConfig } from "@/lib/config/env";

/**
 * What a developer needs to know once the server is up, outside production: where the dev
 * mailbox and the demo sign-in are, and which database is used. instrumentation.ts logs these,
 * so a first `npm run dev` says more than "Compiling…".
 */
export function devStartNotes(
  config: Pick<AppConfig, "production" | "appUrl" | "dataDir" | "database" | "mail">,
  demoOwner: { email: string; password: string },
): { msg: string; fields: Record<string, string> }[] {
  if (config.production) return [];
  const notes: { msg: string; fields: Record<string, string> }[] = [];
  notes.push(
    config.database.url
      ? { msg: "database: Postgres from DATABASE_URL", fields: {} }
      : {
          msg: "database: embedded PGlite; the first start creates, migrates and seeds it (about a minute), later starts reuse it",
          fields: { dataDir: config.dataDir },
        },
  );
  if (config.mail.devMailbox) notes.push({ msg: "dev mailbox: every email sent is listed here", fields: { url: `${config.appUrl}/dev/mail` } });
  notes.push({
    msg: "demo sign-in for the owner dashboard",
    fields: { url: `${config.appUrl}/sign-in`, email: demoOwner.email, password: demoOwner.password },
  });
  return notes;
}
