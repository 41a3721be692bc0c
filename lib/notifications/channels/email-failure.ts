import { SmtpSendError } from "@/lib/mail/transport";
import { errorMessage } from "@/lib/outbox/fan-out";
import type { ChannelResult } from "@/lib/outbox/relay";

/**
 * An email channel's failed message as a result: the mail server's verdict decides whether trying
 * again can help; a message that could not even be rendered will not render better later.
 */
export function emailFailure(eventId: number, error: unknown): ChannelResult {
  if (error instanceof SmtpSendError) return { eventId, ok: false, error: error.message, failure: error.permanent ? "permanent" : "transient" };
  return { eventId, ok: false, error: errorMessage(error), failure: "permanent" };
}
