"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Notice } from "@/components/ui/notice";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import type { CalendarBooking, SalonCalendar } from "@/lib/dashboard/calendar";
import { formatWallMinute } from "@/lib/dashboard/format";
import { MOVE_CHOICE_SEPARATOR } from "@/lib/dashboard/owner-booking-schemas";
import { initialOwnerActionState, type OwnerActionState } from "./booking-action-state";
import { CalendarBookingLink } from "./calendar-booking";

const PX_PER_MINUTE = 1.1;
/** The salon's slot grid (lib/availability SLOT_GRID_MINUTES): a dragged block snaps to it. */
const SNAP_MINUTES = 15;
/** A press that moves less than this is a click on the booking's link, not a drag. */
const DRAG_THRESHOLD_PX = 6;

type MoveAction = (state: OwnerActionState, formData: FormData) => Promise<OwnerActionState>;

export interface DayCalendarDrag {
  /** The move action of the booking's page: the same booking core, events and customer email. */
  move: MoveAction;
  /** Slot-grid rows of this day, wall-clock minute → instant (lib/dashboard/drag-move.ts). */
  grid: Record<number, string>;
  /** This calendar's address: where the action returns after a move. */
  returnTo: string;
}

/** Where a dragged booking is shown: its stylist column and start minute. */
interface Placement {
  bookingId: string;
  stylistId: string;
  minute: number;
}

interface Press {
  booking: CalendarBooking;
  stylistId: string;
  x: number;
  y: number;
  dragging: boolean;
}

/**
 * One day, a column per stylist, time running down. Each column is a heading and an ordered list
 * of its bookings (what a screen reader reads); the list items are placed by start and end. With
 * `drag`, a confirmed booking can be dragged with a mouse to another time or stylist; the drop
 * asks to confirm, then moves it through the move action. Keyboards and phones use the picker on
 * the booking's page, which this does not replace.
 */
export function DayCalendar({ calendar, drag }: { calendar: SalonCalendar; drag?: DayCalendarDrag }) {
  const { startMinute, endMinute } = calendar.dayRange;
  // Wall-clock minutes on the salon's clock: "14:00" or "2:00 PM".
  const clock = (minute: number) => formatWallMinute(minute, calendar.salon.locale);
  const height = (endMinute - startMinute) * PX_PER_MINUTE;
  const hours: number[] = [];
  for (let m = startMinute; m < endMinute; m += 60) hours.push(m);
  const top = (minute: number) => (Math.min(Math.max(minute, startMinute), endMinute) - startMinute) * PX_PER_MINUTE;

  const columns = useRef(new Map<string, HTMLElement>());
  const press = useRef<Press | null>(null);
  const swallowClick = useRef(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const [placement, setPlacement] = useState<Placement | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  // A fresh calendar (after the move, or another day) starts with nothing dragged.
  const [shown, setShown] = useState(calendar);
  if (shown !== calendar) {
    setShown(calendar);
    setPlacement(null);
    setConfirming(false);
  }

  const [, submitMove, saving] = useActionState(async (previous: OwnerActionState, formData: FormData) => {
    setConfirming(false);
    // On success the action redirects back here; only a refusal returns.
    const result = await drag!.move(previous, formData);
    if (result.message) {
      setRefusal(result.message);
      setPlacement(null);
    }
    return result;
  }, initialOwnerActionState);

  useEffect(() => {
    const box = dialog.current;
    if (!box) return;
    if (confirming && !box.open) box.showModal();
    if (!confirming && box.open) box.close();
  }, [confirming]);

  const bookingOf = (id: string) => {
    for (const stylist of calendar.stylists) {
      const booking = stylist.bookings.find((b) => b.id === id);
      if (booking) return booking;
    }
    return undefined;
  };

  /** The column and snapped start under the pointer, for the pressed booking. */
  const dropAt = (p: Press, clientX: number, clientY: number): Placement => {
    let stylistId = p.stylistId;
    for (const [id, element] of columns.current) {
      const rect = element.getBoundingClientRect();
      if (clientX >= rect.left && clientX <= rect.right) stylistId = id;
    }
    const duration = p.booking.endMinute - p.booking.startMinute;
    const moved = Math.round((p.booking.startMinute + (clientY - p.y) / PX_PER_MINUTE) / SNAP_MINUTES) * SNAP_MINUTES;
    const latest = Math.floor((endMinute - duration) / SNAP_MINUTES) * SNAP_MINUTES;
    return { bookingId: p.booking.id, stylistId, minute: Math.max(startMinute, Math.min(moved, latest)) };
  };

  const startPress = (event: React.PointerEvent, booking: CalendarBooking, stylistId: string) => {
    if (!drag || event.pointerType !== "mouse" || event.button !== 0 || booking.status !== "confirmed" || saving || confirming) return;
    // No native drag of the link's address and no text selection while the block is dragged.
    event.preventDefault();
    press.current = { booking, stylistId, x: event.clientX, y: event.clientY, dragging: false };
    const onMove = (e: PointerEvent) => {
      const p = press.current;
      if (!p) return;
      if (!p.dragging && Math.hypot(e.clientX - p.x, e.clientY - p.y) < DRAG_THRESHOLD_PX) return;
      p.dragging = true;
      setRefusal(null);
      setPlacement(dropAt(p, e.clientX, e.clientY));
    };
    const onUp = (e: PointerEvent) => {
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onUp);
      const p = press.current;
      press.current = null;
      if (!p?.dragging) return;
      // The release ends a drag, not a click on the link underneath. The click (if any) comes in
      // this same task; a release outside the calendar brings none, so the flag does not outlive it.
      swallowClick.current = true;
      window.setTimeout(() => {
        swallowClick.current = false;
      }, 0);
      const drop = dropAt(p, e.clientX, e.clientY);
      const unchanged = drop.stylistId === p.stylistId && drop.minute === p.booking.startMinute;
      setPlacement(unchanged ? null : drop);
      setConfirming(!unchanged);
    };
    window.addEventListener("pointermove", onMove);
    window.addEventListener("pointerup", onUp);
  };

  const cancelMove = () => {
    setConfirming(false);
    setPlacement(null);
  };

  if (calendar.stylists.length === 0) return <p className="text-stone-700">This salon has no stylists yet.</p>;

  const dragged = placement ? bookingOf(placement.bookingId) : undefined;
  const target = placement && calendar.stylists.find((s) => s.id === placement.stylistId);
  const instant = placement && drag?.grid[placement.minute];
  const columnBookings = (stylistId: string): CalendarBooking[] => {
    const own = calendar.stylists.find((s) => s.id === stylistId)?.bookings ?? [];
    if (!placement || !dragged) return own;
    const others = own.filter((b) => b.id !== dragged.id);
    if (placement.stylistId !== stylistId) return others;
    const duration = dragged.endMinute - dragged.startMinute;
    const moved = {
      ...dragged,
      startMinute: placement.minute,
      endMinute: placement.minute + duration,
      startTime: clock(placement.minute),
      endTime: clock(placement.minute + duration),
    };
    return [...others, moved].sort((a, b) => a.startMinute - b.startMinute);
  };

  return (
    <div className="space-y-2">
      {drag && (
        <p className="text-sm text-stone-700">
          Drag a booking to another time or stylist to move it, or open it to pick a new time.
        </p>
      )}
      {refusal && (
        <Notice tone="error" role="alert" title="The booking was not moved.">
          {refusal}
        </Notice>
      )}
      <div
        className="overflow-x-auto"
        onClickCapture={(event) => {
          if (!swallowClick.current) return;
          swallowClick.current = false;
          event.preventDefault();
          event.stopPropagation();
        }}
      >
        {/* Columns at least 9rem wide; a long name is cut, it never widens its column. */}
        <div
          className="grid gap-x-2"
          style={{
            gridTemplateColumns: `3.5rem repeat(${calendar.stylists.length}, minmax(9rem, 1fr))`,
            minWidth: `calc(3.5rem + ${calendar.stylists.length} * 9.5rem)`,
          }}
        >
          {/* The hour scale is for the eye; each booking's link says its own times. */}
          <div aria-hidden="true" className="relative" style={{ height, marginTop: "2.5rem" }}>
            {hours.map((m) => (
              <span key={m} className="absolute right-1 -translate-y-1/2 text-xs text-stone-600" style={{ top: top(m) }}>
                {clock(m)}
              </span>
            ))}
          </div>
          {calendar.stylists.map((stylist) => {
            const headingId = `stylist-${stylist.id}`;
            const bookings = columnBookings(stylist.id);
            return (
              <section key={stylist.id} aria-labelledby={headingId} className="min-w-0">
                <h3 id={headingId} className="flex h-10 min-w-0 items-end pb-1 text-sm font-semibold" title={stylist.name}>
                  <span className="truncate">{stylist.name}</span>
                </h3>
                <div
                  ref={(element) => {
                    if (element) columns.current.set(stylist.id, element);
                    else columns.current.delete(stylist.id);
                  }}
                  data-stylist-column={stylist.id}
                  className="relative rounded-md border border-stone-200 bg-[repeating-linear-gradient(to_bottom,transparent_0,transparent_calc(66px-1px),#e7e5e4_calc(66px-1px),#e7e5e4_66px)]"
                  style={{ height }}
                >
                  {bookings.length === 0 ? (
                    <p className="p-2 text-xs text-stone-600">No bookings</p>
                  ) : (
                    <ol aria-label={`${stylist.name}'s bookings`}>
                      {bookings.map((booking) => {
                        const isDragged = placement?.bookingId === booking.id;
                        return (
                          <li
                            key={booking.id}
                            className={`absolute inset-x-1 ${isDragged ? "z-10 opacity-90 shadow-lg ring-2 ring-teal-700" : ""} ${
                              drag && booking.status === "confirmed" ? "cursor-grab active:cursor-grabbing" : ""
                            }`}
                            style={{ top: top(booking.startMinute), height: Math.max(top(booking.endMinute) - top(booking.startMinute), 22) }}
                            onPointerDown={(event) => startPress(event, booking, stylist.id)}
                          >
                            <CalendarBookingLink booking={booking} />
                          </li>
                        );
                      })}
                    </ol>
                  )}
                </div>
              </section>
            );
          })}
        </div>
      </div>

      {drag && (
        <dialog
          ref={dialog}
          aria-labelledby="move-confirm-title"
          onCancel={cancelMove}
          className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-stone-300 bg-white p-5 shadow-xl backdrop:bg-stone-900/40"
        >
          {placement && dragged && target && (
            <form action={submitMove} className="space-y-4">
              <h2 id="move-confirm-title" className="text-lg font-semibold">
                Move <bdi>{dragged.customerName}</bdi>&apos;s <bdi>{dragged.serviceName}</bdi> to {clock(placement.minute)} with{" "}
                <bdi>{target.name}</bdi>?
              </h2>
              {instant ? (
                <p className="text-sm text-stone-700">The customer is emailed the new time, with an updated calendar entry.</p>
              ) : (
                <p className="text-sm text-red-800">That time does not exist on this day (the clocks change). Please pick another.</p>
              )}
              <input type="hidden" name="bookingId" value={dragged.id} />
              <input type="hidden" name="choice" value={instant ? `${instant}${MOVE_CHOICE_SEPARATOR}${target.id}` : ""} />
              <input type="hidden" name="returnTo" value={drag.returnTo} />
              <div className="flex flex-wrap justify-end gap-2">
                <button type="button" className={secondaryButton} onClick={cancelMove}>
                  Cancel
                </button>
                {instant && (
                  <button type="submit" className={primaryButton} disabled={saving}>
                    Move
                  </button>
                )}
              </div>
            </form>
          )}
        </dialog>
      )}
    </div>
  );
}
