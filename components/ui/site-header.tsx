import Link from "next/link";
import { focusRing } from "./styles";

/** The bar on every page: a skip link for keyboard users and the way home. */
export function SiteHeader() {
  return (
    <header className="border-b border-stone-200 bg-white">
      <a
        href="#main"
        className={`sr-only rounded bg-white px-3 py-2 focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 ${focusRing}`}
      >
        Skip to content
      </a>
      <div className="mx-auto flex max-w-3xl items-center justify-between px-4 py-3">
        <Link href="/" className={`rounded-sm text-lg font-bold tracking-tight text-teal-900 ${focusRing}`}>
          Salon booking
        </Link>
      </div>
    </header>
  );
}
