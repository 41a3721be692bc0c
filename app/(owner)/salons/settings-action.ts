import { z } from "zod";
import type { SettingsFormState } from "@/components/settings/settings-form-state";
import type { Database } from "@/db/client";
import { logUnexpectedError } from "@/lib/http";
import type { SettingsResult, StrandReason } from "@/lib/salons/settings";
import { ownerAction, type Finished } from "../owner-action";

// The part every settings action shares once it knows who the owner is: run the command, and turn
// each outcome other than "ok" into the state the form shows. The database's own message is
// logged, never shown.

export const SIGNED_OUT_MESSAGE = "You are signed out, so nothing was saved. Sign in again and repeat the change.";

export function signedOut(values?: SettingsFormState["values"]): SettingsFormState {
  return { status: "unauthorized", message: SIGNED_OUT_MESSAGE, values };
}

const bookingsWord = (n: number) => (n === 1 ? "1 future booking" : `${n} future bookings`);

const STRANDED_MESSAGES: Record<StrandReason, (n: number) => string> = {
  hours: (n) => `These hours would leave ${bookingsWord(n)} outside the stylist's working time.`,
  salon_hours: (n) => `These opening hours would leave ${bookingsWord(n)} outside the working time of stylists who follow them.`,
  time_off: (n) => `This time off falls on ${bookingsWord(n)}.`,
  stylist_inactive: (n) => `This stylist still has ${bookingsWord(n)}.`,
  service_inactive: (n) => `This service still has ${bookingsWord(n)}.`,
  buffer: (n) => `The longer buffer would leave ${bookingsWord(n)} too close to the booking before.`,
  time_zone: (n) => `In the new time zone, ${bookingsWord(n)} would fall outside the stylist's hours.`,
};

// The form's values as read (form-data.ts caps each): typed and capped again at the door; the
// command's own schema (lib/salons/settings) validates them field by field.
const settingsValuesSchema = z.record(z.string().max(200), z.union([z.string().max(1_000), z.array(z.string().max(1_000)).max(64)]));

/**
 * A settings action through the owner door: session → the form's values (typed, capped) → the
 * command, which validates and checks the salon, service, stylist or time off is this owner's in
 * its own statements → revalidate → redirect. Refusals become the form's state.
 */
export async function settingsAction<T extends object>(
  context: {
    action: string;
    values: NonNullable<SettingsFormState["values"]>;
    mapErrors?: (errors: Record<string, string[]>) => Record<string, string[]>;
  },
  run: (db: Database, ownerId: string) => Promise<SettingsResult<T>>,
  saved: (ok: Extract<SettingsResult<T>, { status: "ok" }>) => Finished,
): Promise<SettingsFormState> {
  const { values } = context;
  const door = ownerAction(
    {
      action: context.action,
      schema: settingsValuesSchema,
      signedOut: () => signedOut(values),
      invalid: (): SettingsFormState => ({ status: "invalid", message: "Nothing was saved. Please correct the fields marked below.", values }),
      notFound: (): SettingsFormState => ({ status: "not_found", message: "That was not found among your salons, so nothing was saved.", values }),
      failed: (): SettingsFormState => ({ status: "error", message: "Saving failed on our side, so nothing changed. Please try again.", values }),
    },
    async ({ db, owner }) => {
      const outcome = await settle(() => run(db, owner.id), { ...context, ownerId: owner.id });
      return "state" in outcome ? outcome.state : saved(outcome.ok);
    },
  );
  return door(values);
}

export type Settled<T extends object> = { ok: Extract<SettingsResult<T>, { status: "ok" }> } | { state: SettingsFormState };

export async function settle<T extends object>(
  run: () => Promise<SettingsResult<T>>,
  context: {
    action: string;
    ownerId: string;
    values?: SettingsFormState["values"];
    mapErrors?: (errors: Record<string, string[]>) => Record<string, string[]>;
  },
): Promise<Settled<T>> {
  const { values } = context;
  let result: SettingsResult<T>;
  try {
    result = await run();
  } catch (error) {
    logUnexpectedError(error, { action: context.action, ownerId: context.ownerId });
    return { state: { status: "error", message: "Saving failed on our side, so nothing changed. Please try again.", values } };
  }
  switch (result.status) {
    case "ok":
      return { ok: result as Extract<SettingsResult<T>, { status: "ok" }> };
    case "invalid":
      return {
        state: {
          status: "invalid",
          message: "Nothing was saved. Please correct the fields marked below.",
          fieldErrors: context.mapErrors ? context.mapErrors(result.fieldErrors) : result.fieldErrors,
          values,
        },
      };
    case "not_found":
      return { state: { status: "not_found", message: "That was not found among your salons, so nothing was saved.", values } };
    case "stranded":
      return {
        state: {
          status: "stranded",
          message: STRANDED_MESSAGES[result.reason](result.total),
          stranded: { bookings: result.bookings, total: result.total },
          values,
        },
      };
  }
}
