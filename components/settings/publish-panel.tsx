"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Notice } from "@/components/ui/notice";
import { card, secondaryButton, textLink } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialSettingsFormState, type SettingsFormState } from "./settings-form-state";

export interface ChecklistItem {
  label: string;
  done: boolean;
  /** Where the owner does it. */
  href: string;
}

export interface PublishPanelProps {
  salonId: string;
  published: boolean;
  checklist: ChecklistItem[];
  action: SettingsAction;
  /** Closes a published salon to customers again (asked to confirm first). */
  unpublish: SettingsAction;
}

type SettingsAction = (previous: SettingsFormState, formData: FormData) => Promise<SettingsFormState>;

/**
 * Whether customers can find the salon, and if not, what is left to do: the checklist of what a
 * bookable salon needs, then the Publish button once nothing is missing.
 */
export function PublishPanel({ salonId, published, checklist, action, unpublish }: PublishPanelProps) {
  const [state, formAction] = useActionState(action, initialSettingsFormState);
  const ready = checklist.every((item) => item.done);
  const errors = Object.values(state.fieldErrors ?? {}).flat();

  if (published) return <PublishedPanel salonId={salonId} unpublish={unpublish} />;

  return (
    <section aria-labelledby="publication-heading" className={`${card} space-y-3`}>
      <h2 id="publication-heading" className="text-lg font-semibold">
        Not yet published: customers cannot see this salon
      </h2>
      <ul aria-label="Before you publish" className="space-y-1">
        {checklist.map((item) => (
          <li key={item.label} className="flex items-start gap-2">
            <span aria-hidden="true" className={item.done ? "text-emerald-700" : "text-stone-500"}>
              {item.done ? "✓" : "○"}
            </span>
            <span>
              {item.done ? (
                <>
                  {item.label} <span className="text-sm text-stone-600">(done)</span>
                </>
              ) : (
                <Link href={item.href} className={textLink}>
                  {item.label}
                  <span className="sr-only"> (still to do)</span>
                </Link>
              )}
            </span>
          </li>
        ))}
      </ul>
      <div role="status" aria-live="polite" className="empty:m-0">
        {state.status !== "idle" && state.message && (
          <Notice tone="error" title={state.message}>
            {errors.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {errors.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            )}
          </Notice>
        )}
      </div>
      {ready ? (
        <form action={formAction}>
          <input type="hidden" name="salonId" value={salonId} />
          <SubmitButton pendingLabel="Publishing…">Publish</SubmitButton>
        </form>
      ) : (
        <p className="text-sm text-stone-700">The Publish button appears once every step above is done.</p>
      )}
    </section>
  );
}

/** A published salon: says so, and offers to unpublish it, saying first what that does. */
function PublishedPanel({ salonId, unpublish }: { salonId: string; unpublish: SettingsAction }) {
  const [state, formAction] = useActionState(unpublish, initialSettingsFormState);
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="publication-heading" className={`${card} space-y-2 p-3`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="publication-heading" className="font-semibold">
            Published
          </h2>
          <p className="text-sm text-stone-700">Customers can find and book this salon.</p>
        </div>
        <button
          type="button"
          className={secondaryButton}
          aria-expanded={confirming}
          aria-controls="unpublish-confirm"
          onClick={() => setConfirming((was) => !was)}
        >
          Unpublish…
        </button>
      </div>
      <div role="status" aria-live="polite" className="empty:hidden">
        {state.status !== "idle" && state.message && <Notice tone="error" title={state.message} />}
      </div>
      {confirming && (
        <form id="unpublish-confirm" action={formAction} className="space-y-3 rounded-lg border border-amber-600 bg-amber-50 p-3">
          <p className="text-amber-950">
            Customers will no longer find this salon or book it. Bookings already made are kept, and their customers can still
            open, move or cancel them from the link in their emails.
          </p>
          <input type="hidden" name="salonId" value={salonId} />
          <div className="flex flex-wrap gap-2">
            <SubmitButton pendingLabel="Unpublishing…">Unpublish</SubmitButton>
            <button type="button" className={secondaryButton} onClick={() => setConfirming(false)}>
              Keep it published
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
