"use client";

import Link from "next/link";
import { useEffect, type RefObject } from "react";
import { useFormStatus } from "react-dom";
import { Notice } from "@/components/ui/notice";
import { focusRing, secondaryButton, textLink } from "@/components/ui/styles";
import type { SettingsFormState } from "./settings-form-state";

/**
 * A settings form's polite live region: the outcome of the last submission, the errors that
 * belong to no single field, and the bookings a refused change would strand — followed by the
 * choice to keep those bookings and save anyway.
 */
export function FormStatus({ state, fieldNames, idPrefix }: { state: SettingsFormState; fieldNames: string[]; idPrefix: string }) {
  const loose = Object.entries(state.fieldErrors ?? {})
    .filter(([key]) => !fieldNames.includes(key))
    .flatMap(([, messages]) => messages);
  const stranded = state.status === "stranded" ? state.stranded : undefined;
  return (
    <>
      {/* Always in the page, even empty (not display:none), so screen readers announce what appears in it. */}
      <div role="status" aria-live="polite" className="empty:m-0">
        {state.status !== "idle" && state.message && (
          <Notice tone={state.status === "stranded" ? "warning" : "error"} title={state.message}>
            {loose.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {loose.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            )}
            {state.status === "unauthorized" && (
              <Link href="/sign-in" className={textLink}>
                Sign in again
              </Link>
            )}
            {stranded && <StrandedList stranded={stranded} />}
          </Notice>
        )}
      </div>
      {stranded && <KeepBookings stranded={stranded} idPrefix={idPrefix} />}
    </>
  );
}

function StrandedList({ stranded }: { stranded: NonNullable<SettingsFormState["stranded"]> }) {
  return (
    <>
      <ul className="mt-2 space-y-1" aria-label="Bookings affected">
        {stranded.bookings.map((b) => (
          <li key={b.id}>
            <time dateTime={b.startsAtLocal} className="font-medium">
              {b.dateLabel}, {b.timeLabel}
            </time>{" "}
            — <bdi>{b.customerName}</bdi> (<bdi>{b.serviceName}</bdi> with <bdi>{b.stylistName}</bdi>), reference <span className="font-mono">{b.reference}</span>
          </li>
        ))}
      </ul>
      {stranded.total > stranded.bookings.length && (
        <p className="mt-1">…and {stranded.total - stranded.bookings.length} more.</p>
      )}
      <p className="mt-2">
        Nothing was saved. Move or cancel these bookings from the dashboard first, or keep them as they are and save
        anyway.
      </p>
    </>
  );
}

function KeepBookings({ stranded, idPrefix }: { stranded: NonNullable<SettingsFormState["stranded"]>; idPrefix: string }) {
  const count = stranded.bookings.length;
  return (
    <div className="rounded-lg border border-amber-300 bg-white px-3 py-2">
      {stranded.bookings.map((b) => (
        <input key={b.id} type="hidden" name="keepBookingIds" value={b.id} />
      ))}
      <label htmlFor={`${idPrefix}-keep`} className="flex min-h-11 items-center gap-3">
        <input id={`${idPrefix}-keep`} type="checkbox" name="keepBookings" value="yes" className={`size-5 accent-teal-800 ${focusRing}`} />
        <span>
          Keep {count === 1 ? "this booking" : `these ${count} bookings`} as {count === 1 ? "it is" : "they are"} and save
          anyway
        </span>
      </label>
    </div>
  );
}

/** After a refused submission, puts the keyboard where the owner has to act next. */
export function useFocusAfterRefusal(formRef: RefObject<HTMLFormElement | null>, state: SettingsFormState) {
  useEffect(() => {
    if (state.status === "idle") return;
    const form = formRef.current;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('input[name="keepBookings"]') ??
      form?.querySelector<HTMLElement>("button[type=submit]");
    target?.focus();
  }, [formRef, state]);
}

/** A secondary-style submit button that cannot be pressed twice while its form is being sent. */
export function PendingButton({ children, pendingLabel }: { children: React.ReactNode; pendingLabel: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={secondaryButton}>
      {pending ? pendingLabel : children}
    </button>
  );
}
