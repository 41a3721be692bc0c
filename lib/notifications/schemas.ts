import { z } from "zod";

// Inputs of the dashboard feed: the stream's resume point and "mark as read".

const eventIdNumber = z
  .number({ message: "Must be an event id" })
  .int("Must be an event id")
  .min(0, "Must be an event id")
  .max(Number.MAX_SAFE_INTEGER, "Must be an event id");

/** An outbox event id as sent in `id:` lines or posted by a form: a non-negative safe integer. */
export const eventIdSchema = z.coerce.number({ message: "Must be an event id" }).pipe(eventIdNumber);

/** Last-Event-ID header or ?after= query; absent means "the latest few". */
export const streamCursorSchema = z
  .string()
  .trim()
  .max(20, "Must be an event id")
  .regex(/^\d+$/, "Must be an event id")
  .transform(Number)
  .pipe(eventIdNumber)
  .optional();

export const markReadSchema = z.object({ upToEventId: eventIdSchema });
