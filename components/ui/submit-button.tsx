"use client";

import { useFormStatus } from "react-dom";
import { primaryButton } from "./styles";

/** A submit button that cannot be pressed twice while its form is being sent. */
export function SubmitButton({ children, pendingLabel }: { children: React.ReactNode; pendingLabel: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={`${primaryButton} w-full sm:w-auto`}>
      {pending ? pendingLabel : children}
    </button>
  );
}
