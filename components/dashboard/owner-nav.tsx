"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
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

interface NavLinksProps {
  links: OwnerNavLink[];
  pathname: string;
  salonId?: string;
  /** The phone's menu: one link a row, and following one closes the menu. */
  onFollow?: () => void;
}

function NavLinks({ links, pathname, salonId, onFollow }: NavLinksProps) {
  return (
    <nav aria-label="Owner">
      <ul className={onFollow ? "flex flex-col gap-1" : "flex flex-wrap gap-1"}>
        {links.map((link) => {
          const active = isActive(pathname, link);
          return (
            <li key={link.href}>
              <Link
                href={linkHref(link, salonId)}
                aria-current={active ? "page" : undefined}
                onClick={onFollow}
                className={`flex min-h-11 items-center rounded-lg px-3 font-medium ${
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
  );
}

function SignOut({ ownerName, signOut }: Pick<OwnerNavProps, "ownerName" | "signOut">) {
  return (
    <>
      <p className="min-w-0 truncate text-sm text-stone-700">
        Signed in as <bdi>{ownerName}</bdi>
      </p>
      <form action={signOut}>
        <button type="submit" className={secondaryButton}>
          Sign out
        </button>
      </form>
    </>
  );
}

/**
 * The owner's bar, in the site header's row: the links inline from 1024 px; below that one Menu
 * button that opens them (with who is signed in and the way out), so a phone's header stays one row.
 */
export function OwnerNav({ ownerName, links, signOut }: OwnerNavProps) {
  const pathname = usePathname();
  const salonId = currentSalonId(pathname, useSearchParams().get("salon"));
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>("a, button")?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    // A press outside the menu and its button closes it, as a menu does.
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <>
      <div className="hidden min-w-0 flex-1 flex-wrap items-center justify-between gap-x-4 gap-y-1 lg:flex">
        <NavLinks links={links} pathname={pathname} salonId={salonId} />
        <div className="flex min-w-0 items-center gap-3">
          <SignOut ownerName={ownerName} signOut={signOut} />
        </div>
      </div>
      <div className="lg:hidden">
        <button
          ref={button}
          type="button"
          aria-expanded={open}
          aria-controls="owner-menu"
          onClick={() => setOpen((was) => !was)}
          className={secondaryButton}
        >
          <span aria-hidden="true" className="mr-2">
            {open ? "✕" : "☰"}
          </span>
          Menu
        </button>
        {open && (
          <div
            ref={panel}
            id="owner-menu"
            className="absolute inset-x-0 top-full z-40 space-y-3 border-b border-stone-200 bg-white px-4 py-3 shadow-lg"
          >
            <NavLinks links={links} pathname={pathname} salonId={salonId} onFollow={() => setOpen(false)} />
            <div className="flex flex-wrap items-center justify-between gap-3 border-t border-stone-200 pt-3">
              <SignOut ownerName={ownerName} signOut={signOut} />
            </div>
          </div>
        )}
      </div>
    </>
  );
}
