"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { card, textLink } from "@/components/ui/styles";
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
  action: (previous: SettingsFormState, formData: FormData) => Promise<SettingsFormState>;
}

/**
 * Whether customers can find the salon, and if not, what is left to do: the checklist of what a
 * bookable salon needs, then the Publish button once nothing is missing.
 */
export function PublishPanel({ salonId, published, checklist, action }: PublishPanelProps) {
  const [state, formAction] = useActionState(action, initialSettingsFormState);
  const ready = checklist.every((item) => item.done);
  const errors = Object.values(state.fieldErrors ?? {}).flat();

  if (published) {
    return (
      <section aria-labelledby="publication-heading" className={`${card} p-3`}>
        <h2 id="publication-heading" className="font-semibold">
          Published
        </h2>
        <p className="text-sm text-stone-700">Customers can find and book this salon.</p>
      </section>
    );
  }

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
