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
  rateLimitedResponse,
} from "./responses";
export { clientIp, ipBucket, normaliseIp, PEER_ADDRESS_HEADER, requestIp, stampPeerAddresses } from "./client-ip";
