// Shared class lists, so every control has the same visible keyboard focus and touch-sized targets.

export const focusRing =
  "focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-teal-700";

export const primaryButton = `inline-flex min-h-11 items-center justify-center rounded-lg bg-teal-800 px-5 py-2.5 font-semibold text-white shadow-sm hover:bg-teal-900 disabled:cursor-not-allowed disabled:bg-stone-400 ${focusRing}`;

export const secondaryButton = `inline-flex min-h-11 items-center justify-center rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium text-stone-900 hover:bg-stone-100 ${focusRing}`;

export const textLink = `font-medium text-teal-800 underline underline-offset-2 hover:text-teal-950 ${focusRing} rounded-sm`;

export const inputBase =
  "mt-1 block w-full rounded-lg border bg-white px-3 py-2.5 text-base text-stone-900 shadow-sm focus:border-teal-700 focus:outline-none focus:ring-3 focus:ring-teal-700/40";

export const card = "rounded-xl border border-stone-200 bg-white p-4 shadow-sm sm:p-6";
