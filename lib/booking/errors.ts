// Domain errors that callers turn into 4xx answers. They carry the field to blame, never a
// database message.

export type UnknownEntityField = "salon" | "serviceId" | "stylistId";

/** An id that does not name an active entity of the salon in question (or no such salon). */
export class UnknownEntityError extends Error {
  readonly field: UnknownEntityField;
  constructor(field: UnknownEntityField, message = defaultMessage(field)) {
    super(message);
    this.name = "UnknownEntityError";
    this.field = field;
  }
}

/** A query the schema should have refused: bad dates, a reversed or too long range. */
export class InvalidQueryError extends Error {
  readonly field: "from" | "to";
  constructor(field: "from" | "to", message: string) {
    super(message);
    this.name = "InvalidQueryError";
    this.field = field;
  }
}

function defaultMessage(field: UnknownEntityField): string {
  switch (field) {
    case "salon":
      return "Unknown salon";
    case "serviceId":
      return "Unknown service for this salon";
    case "stylistId":
      return "Unknown stylist for this salon";
  }
}
