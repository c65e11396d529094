/**
 * Limits of the HTTP transport, shared by the server's route and the browser's client (this
 * module imports nothing, so the client bundle takes only the numbers).
 *
 * The most calls one request may batch: a page batches a handful of queries; a request with
 * thousands would make the server run them all. The client's batch link splits at the same number.
 */
export const MAX_BATCH_SIZE = 50;

/**
 * The largest request body the tRPC endpoint reads. The largest real call is a roster import:
 * a 1 MiB .xlsx as base64 is 1.4 MB. Anything bigger is refused before it is buffered.
 */
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;
