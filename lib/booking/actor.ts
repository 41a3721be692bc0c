// Who is changing a booking. Every booking command takes one, required, so an owner path cannot
// forget its scope: an owner acts only on bookings of `salonIds` (their own salons, read by the
// caller from the session's owner), a customer only on the booking their manage token opens.

export interface OwnerActor {
  by: "owner";
  ownerId: string;
  /** The salons this owner may act on; an empty list reaches nothing. */
  salonIds: string[];
}

/** A customer changing a booking holds its manage token; a customer making one holds nothing yet. */
export interface CustomerActor {
  by: "customer";
  token?: string;
}

export type BookingActor = OwnerActor | CustomerActor;

/** What an event's payload records about who caused it. */
export type ActorKind = BookingActor["by"];

/** A customer making a booking: the only actor with no scope to check. */
export const NEW_CUSTOMER: CustomerActor = { by: "customer" };

/** A customer changing a booking: the manage token is the only authority. */
export interface TokenCustomer extends CustomerActor {
  token: string;
}

/** Who may change an existing booking, and which one: an owner names it, a customer's token opens it. */
export type BookingTarget = { actor: OwnerActor; bookingId: string } | { actor: TokenCustomer };
