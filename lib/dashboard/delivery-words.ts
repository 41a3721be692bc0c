// Delivery problems in an owner's words. The relay records what the mail server or the database
// said; an owner needs to know what happened and whether to act. The technical detail stays one
// step away on the page. No dependencies, so pages and tests share it.

const CHANNEL_NAMES: Record<string, { noun: string; plural: string }> = {
  "owner-email": { noun: "email to you", plural: "emails to you" },
  "customer-email": { noun: "email to a customer", plural: "emails to customers" },
  dashboard: { noun: "dashboard update", plural: "dashboard updates" },
};

/** "email to a customer", "emails to customers". */
export function channelNoun(channel: string, count = 1): string {
  const names = CHANNEL_NAMES[channel] ?? { noun: `${channel} message`, plural: `${channel} messages` };
  return count === 1 ? names.noun : names.plural;
}

/** A channel as a heading: "Emails to customers". */
export function channelHeading(channel: string): string {
  return capitalise(channelNoun(channel, 2));
}

/** One delivery of a channel as a title: "Email to a customer". */
export function channelTitle(channel: string): string {
  return capitalise(channelNoun(channel, 1));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Why deliveries are waiting for their next try: "the mail server is not answering". */
export function waitingReason(lastError: string | null): string {
  const e = (lastError ?? "").toLowerCase();
  if (!e) return "they will go out shortly";
  if (/econnrefused|econnreset|ehostunreach|enotfound|connection closed|socket|greeting/.test(e)) return "the mail server cannot be reached";
  if (/etimedout|no answer|timed out/.test(e)) return "the mail server is not answering";
  if (/\b4\d\d\b/.test(e)) return "the mail server asked us to try again later";
  if (/lease of .* expired/.test(e)) return "a delivery was interrupted and is being tried again";
  if (/database/.test(e)) return "the database had a problem";
  return "the last try failed";
}

/** Why a delivery gave up, in plain words: "address rejected". */
export function givenUpReason(failure: string | null, lastError: string | null): string {
  const e = (lastError ?? "").toLowerCase();
  switch (failure) {
    case "permanent":
      if (/not a deliverable address/.test(e)) return "not a valid email address";
      if (/rcpt|recipient|mailbox|user unknown|address/.test(e) || /\b55[0-3]\b/.test(e)) return "address rejected by the mail server";
      return "refused by the mail server";
    case "expired":
      return "too late: the appointment had already started";
    case "lease":
      return "delivery kept failing part-way; our system stopped trying";
    default:
      return "the mail server would not take it, even after a day of retries";
  }
}

/** An address shown to an owner without spelling it all out: "jo@…". */
export function maskAddress(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const at = address.indexOf("@");
  if (at <= 0) return undefined;
  return `${address.slice(0, Math.min(at, 3))}${at > 3 ? "…" : ""}@…`;
}
