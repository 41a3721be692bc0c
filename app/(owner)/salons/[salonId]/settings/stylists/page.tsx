import type { Metadata } from "next";
import Link from "next/link";
import { randomUUID } from "node:crypto";
import { SavedNotice } from "@/components/settings/saved-notice";
import { ActiveToggleForm } from "@/components/settings/service-forms";
import { StylistNameForm } from "@/components/settings/stylist-forms";
import { card, textLink } from "@/components/ui/styles";
import { getSalonSettings } from "@/lib/salons/settings";
import { openSettingsPage, type SettingsPageProps } from "../settings-page";
import { addStylistAction, renameStylistAction, setStylistActiveAction } from "./actions";

export const metadata: Metadata = { title: "Stylists" };
export const dynamic = "force-dynamic";

export default async function StylistsPage(props: SettingsPageProps<{ salonId: string }>) {
  const { saved, settings } = await openSettingsPage(props, () => "/stylists", (db, ownerId, { salonId }) => getSalonSettings(db, ownerId, salonId));
  const { salon, stylists } = settings;
  const renderKey = randomUUID();

  return (
    <>
      <SavedNotice code={saved} />
      <section aria-labelledby="stylists-heading" className={card}>
        <h2 id="stylists-heading" className="text-lg font-semibold">
          Stylists
        </h2>
        {stylists.length === 0 ? (
          <p className="mt-2 text-stone-700">No stylists yet. Add the first one below.</p>
        ) : (
          <ul className="mt-3 space-y-4" aria-label="Your stylists">
            {stylists.map((stylist) => (
              <li key={stylist.id} className="space-y-3 rounded-lg border border-stone-200 p-4">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-semibold">
                    {stylist.name}
                    {!stylist.active && <span className="font-normal text-stone-700"> · switched off</span>}
                  </h3>
                  <Link href={`/salons/${salon.id}/settings/stylists/${stylist.id}`} className={textLink}>
                    Hours and time off<span className="sr-only"> for {stylist.name}</span>
                  </Link>
                </div>
                <StylistNameForm
                  key={`${renderKey}-rename`}
                  action={renameStylistAction}
                  idPrefix={`stylist-${stylist.id}`}
                  hidden={{ stylistId: stylist.id }}
                  saved={stylist.name}
                  label={`Rename ${stylist.name}`}
                  submitLabel="Rename"
                />
                <ActiveToggleForm
                  key={`${renderKey}-toggle`}
                  action={setStylistActiveAction}
                  idPrefix={`stylist-${stylist.id}-active`}
                  hidden={{ stylistId: stylist.id }}
                  active={stylist.active}
                  name={stylist.name}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="add-stylist-heading" className={card}>
        <h2 id="add-stylist-heading" className="mb-4 text-lg font-semibold">
          Add a stylist
        </h2>
        <StylistNameForm
          key={renderKey}
          action={addStylistAction}
          idPrefix="new-stylist"
          hidden={{ salonId: salon.id }}
          saved=""
          label="Add a stylist"
          submitLabel="Add stylist"
        />
      </section>
    </>
  );
}
