"use client";

import { Notice } from "@/components/ui/notice";
import { primaryButton } from "@/components/ui/styles";

// Unexpected failures only; bad input is answered on the page itself. The details stay in the server log.
export default function CustomerError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <Notice tone="error" role="alert">
        We could not load this page. Please try again in a moment.
      </Notice>
      <button type="button" onClick={reset} className={primaryButton}>
        Try again
      </button>
    </div>
  );
}
