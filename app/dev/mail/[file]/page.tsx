import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { card, textLink } from "@/components/ui/styles";
import { defaultMailDir, isDevMailboxEnabled, isDevMailFileName, readDevMail } from "@/lib/mail/dev-mailbox";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dev mailbox message", robots: { index: false, follow: false } };

export default async function DevMailPage({ params }: { params: Promise<{ file: string }> }) {
  if (!isDevMailboxEnabled()) notFound();
  const { file } = await params;
  // Only names the mailbox itself writes are ever opened (digits, "-event-", ".eml"): no path
  // can leave the folder, and nothing needs decoding.
  if (!isDevMailFileName(file)) notFound();
  const mail = await readDevMail(defaultMailDir(), file);
  if (!mail) notFound();

  return (
    <main className="mx-auto max-w-4xl space-y-6 p-4 sm:p-8">
      <p>
        <Link href="/dev/mail" className={textLink}>
          Back to the dev mailbox
        </Link>
      </p>
      <h1 className="text-2xl font-bold tracking-tight">{mail.subject}</h1>
      <dl className={`${card} grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm`}>
        <dt className="font-medium">From</dt>
        <dd>{mail.from}</dd>
        <dt className="font-medium">To</dt>
        <dd>{mail.to}</dd>
        <dt className="font-medium">Date</dt>
        <dd>{mail.date ?? "unknown"}</dd>
        <dt className="font-medium">Message-ID</dt>
        <dd className="break-all font-mono">{mail.messageId ?? "none"}</dd>
        <dt className="font-medium">Attachments</dt>
        <dd>{mail.attachments.length === 0 ? "none" : mail.attachments.map((a) => `${a.filename} (${a.contentType}, ${a.size} bytes)`).join(", ")}</dd>
      </dl>
      {mail.html && (
        <section aria-labelledby="html-heading" className="space-y-2">
          <h2 id="html-heading" className="text-lg font-semibold">
            HTML version
          </h2>
          {/* An empty sandbox: the message's HTML cannot run scripts, submit forms or reach this page. */}
          <iframe title="HTML version of the message" sandbox="" srcDoc={mail.html} className="h-96 w-full rounded-xl border border-stone-200 bg-white" />
        </section>
      )}
      <section aria-labelledby="text-heading" className="space-y-2">
        <h2 id="text-heading" className="text-lg font-semibold">
          Plain text
        </h2>
        <pre className={`${card} overflow-x-auto whitespace-pre-wrap text-sm`}>{mail.text}</pre>
      </section>
    </main>
  );
}
