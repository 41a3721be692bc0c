import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { card, textLink } from "@/components/ui/styles";
import { defaultMailDir, isDevMailboxEnabled, listDevMail } from "@/lib/mail/dev-mailbox";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false, follow: false } };

// The development mailbox: mail the app would have sent, when no SMTP server is configured.
// It does not exist in production or when SMTP_URL is set.
export default async function DevMailboxPage() {
  if (!isDevMailboxEnabled()) notFound();
  const mails = await listDevMail(defaultMailDir());
  return (
    <main className="mx-auto max-w-4xl space-y-6 p-4 sm:p-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Dev mailbox</h1>
        <p className="mt-1 text-stone-700">
          Mail written to <code>.data/mail</code> because <code>SMTP_URL</code> is not set. Newest first.
        </p>
      </div>
      {mails.length === 0 ? (
        <p className={card}>No mail yet. Make a booking and the salon owner&apos;s email appears here.</p>
      ) : (
        <ul className={`${card} divide-y divide-stone-200`} aria-label="Messages">
          {mails.map((mail) => (
            <li key={mail.file} className="py-3">
              <Link href={`/dev/mail/${encodeURIComponent(mail.file)}`} className={textLink}>
                {mail.subject}
              </Link>
              <p className="text-sm text-stone-600">
                To {mail.to}
                {mail.date && <> · <time dateTime={mail.date}>{mail.date.replace("T", " ").slice(0, 19)} UTC</time></>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
