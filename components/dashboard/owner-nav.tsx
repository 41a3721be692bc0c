"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { focusRing, secondaryButton } from "@/components/ui/styles";

export interface OwnerNavLink {
  href: string;
  label: string;
  /** Other path prefixes that belong to this section (a booking's page belongs to the calendar). */
  alsoActiveUnder?: string[];
  /** The section is about one salon: the link keeps the salon being worked on (?salon=). */
  keepsSalon?: boolean;
}

export interface OwnerNavProps {
  ownerName: string;
  links: OwnerNavLink[];
  /** Server action that ends the session. */
  signOut: () => Promise<void>;
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const SALON_QUERY = new RegExp(`^${UUID}$`, "i");
const SALON_PATH = new RegExp(`^/salons/(${UUID})(?:/|$)`, "i");

/** The salon the owner is working on, from the page's ?salon= or its /salons/{id}/ path. */
export function currentSalonId(pathname: string, salonParam: string | null): string | undefined {
  if (salonParam && SALON_QUERY.test(salonParam)) return salonParam.toLowerCase();
  return SALON_PATH.exec(pathname)?.[1]?.toLowerCase();
}

/** A link's address, carrying the salon along when the section is about one salon. */
export function linkHref(link: OwnerNavLink, salonId: string | undefined): string {
  return link.keepsSalon && salonId ? `${link.href}?salon=${encodeURIComponent(salonId)}` : link.href;
}

function isActive(pathname: string, link: OwnerNavLink): boolean {
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  return pathname === link.href || (link.alsoActiveUnder ?? []).some(under);
}

/** The owner's bar on every owner page: where to go, who is signed in, and the way out. */
export function OwnerNav({ ownerName, links, signOut }: OwnerNavProps) {
  const pathname = usePathname();
  const salonId = currentSalonId(pathname, useSearchParams().get("salon"));
  return (
    <div className="border-b border-stone-200 bg-stone-50">
      <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-x-3 gap-y-1 px-2 py-1 sm:px-4 sm:py-2">
        <nav aria-label="Owner">
          <ul className="flex flex-wrap gap-1">
            {links.map((link) => {
              const active = isActive(pathname, link);
              return (
                <li key={link.href}>
                  <Link
                    href={linkHref(link, salonId)}
                    aria-current={active ? "page" : undefined}
                    className={`inline-flex min-h-11 items-center rounded-lg px-2 text-sm font-medium sm:px-3 sm:text-base ${
                      active ? "bg-teal-800 text-white" : "text-stone-900 hover:bg-stone-200"
                    } ${focusRing}`}
                  >
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="flex items-center gap-3">
          {/* On a phone the name is left to the account page: the bar stays two rows, not three. */}
          <p className="sr-only text-sm text-stone-700 sm:not-sr-only">
            Signed in as <bdi>{ownerName}</bdi>
          </p>
          <form action={signOut}>
            <button type="submit" className={secondaryButton}>
              Sign out
            </button>
          </form>
        </div>
      </div>
    </div>
  );
}
