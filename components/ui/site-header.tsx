import Link from "next/link";
import { focusRing } from "./styles";

/**
 * The bar on every page: a skip link for keyboard users and the way home. A section's own bar (the
 * owner's) comes in as children, in the same row, so a phone's header stays one row.
 */
export function SiteHeader({ children }: { children?: React.ReactNode }) {
  return (
    <header className="relative border-b border-stone-200 bg-white">
      <a
        href="#main"
        className={`sr-only rounded bg-white px-3 py-2 focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 ${focusRing}`}
      >
        Skip to content
      </a>
      <div className={`mx-auto flex items-center justify-between gap-4 px-4 ${children ? "max-w-7xl py-2" : "max-w-3xl py-3"}`}>
        <Link href="/" className={`shrink-0 rounded-sm text-lg font-bold tracking-tight text-teal-900 ${focusRing}`}>
          Salon booking
        </Link>
        {children}
      </div>
    </header>
  );
}
