"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { focusRing } from "@/components/ui/styles";

/** The sections of one salon's settings; the current one is marked for screen readers too. */
export function SettingsNav({ salonId }: { salonId: string }) {
  const pathname = usePathname();
  const base = `/salons/${salonId}/settings`;
  const sections = [
    { href: base, label: "Details and booking rules", current: pathname === base },
    { href: `${base}/hours`, label: "Opening hours", current: pathname.startsWith(`${base}/hours`) },
    { href: `${base}/services`, label: "Services", current: pathname.startsWith(`${base}/services`) },
    { href: `${base}/stylists`, label: "Stylists, hours and time off", current: pathname.startsWith(`${base}/stylists`) },
    { href: `${base}/reminders`, label: "Reminders and day sheet", current: pathname.startsWith(`${base}/reminders`) },
  ];
  return (
    <nav aria-label="Salon settings">
      <ul className="flex flex-wrap gap-2">
        {sections.map((s) => (
          <li key={s.href}>
            <Link
              href={s.href}
              aria-current={s.current ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded-lg border px-4 py-2 font-medium ${focusRing} ${
                s.current ? "border-teal-800 bg-teal-800 text-white" : "border-stone-300 bg-white text-stone-900 hover:bg-stone-100"
              }`}
            >
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
