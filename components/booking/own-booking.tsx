"use client";

import { useEffect, useState } from "react";
import { Notice } from "@/components/ui/notice";
import { textLink } from "@/components/ui/styles";
import type { RecallAnswer } from "./booking-form-state";

export type RecallBooking = (idempotencyKey: string) => Promise<RecallAnswer>;

/** Marks that this tab sent a Confirm with this key, so a later visit asks whether it booked. */
export function rememberSent(storageKey: string): void {
  try {
    sessionStorage.setItem(`${storageKey}:sent`, "1");
  } catch {
    // Storage blocked: Back then shows the plain form; confirming again still replays the booking.
  }
}

/**
 * The booking this tab already made for this slot, if it sent a Confirm for it before (Back after
 * booking, a reload): asked of the server once, after hydration, because only the tab knows its key.
 */
export function useOwnBooking(storageKey: string, recall: RecallBooking): Extract<RecallAnswer, { status: "found" }> | null {
  const [found, setFound] = useState<Extract<RecallAnswer, { status: "found" }> | null>(null);
  useEffect(() => {
    let key: string | null = null;
    try {
      key = sessionStorage.getItem(`${storageKey}:sent`) ? sessionStorage.getItem(storageKey) : null;
    } catch {
      return;
    }
    if (!key) return;
    let live = true;
    recall(key)
      .then((answer) => {
        if (live && answer.status === "found") setFound(answer);
      })
      .catch(() => {
        // Offline or refused: the form (or the list of free times) is still there to use.
      });
    return () => {
      live = false;
    };
  }, [storageKey, recall]);
  return found;
}

/** "You have already booked this time" with the link to that booking. */
export function OwnBookingNotice({ booking }: { booking: { href: string; reference: string } }) {
  return (
    <Notice tone="success" role="status" title="You have already booked this time.">
      <p>
        Your booking reference is <strong>{booking.reference}</strong>.{" "}
        <a href={booking.href} className={textLink}>
          View your booking
        </a>
      </p>
    </Notice>
  );
}

/** For pages that show no form (the time is no longer free): still lead the customer to their booking. */
export function OwnBookingCheck({ storageKey, recall }: { storageKey: string; recall: RecallBooking }) {
  const booking = useOwnBooking(storageKey, recall);
  return <div className="empty:hidden">{booking && <OwnBookingNotice booking={booking} />}</div>;
}
