export {
  DEFAULT_MAX_BODY_BYTES,
  isJsonContentType,
  readBodyCapped,
  readJsonBody,
  type ApiErrorBody,
  type JsonBodyResult,
} from "./read-json-body";
export {
  errorResponse,
  internalErrorResponse,
  invalidResponse,
  jsonResponse,
  logUnexpectedError,
  notFoundResponse,
  unavailableResponse,
} from "./responses";
