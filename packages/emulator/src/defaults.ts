/** Lifetime of issued STS and UploadAuth credentials, in seconds (VOD's default). */
export const DEFAULT_TOKEN_TTL_SECONDS = 3000
/** The region the emulator pretends to be. */
export const DEFAULT_REGION = 'cn-shanghai'
/** The bucket VOD hands out in UploadAddress. */
export const DEFAULT_BUCKET = 'outin-vodup-emulator'
/** Interface the server binds unless told otherwise. */
export const DEFAULT_HOST = '127.0.0.1'
/** Largest difference between a request's date and server time that OSS and the OpenAPI accept. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000
/** Prefix of the emulator's own control endpoints. */
export const CONTROL_PREFIX = '/__vodup/'
/** Time a client has to send a request's headers. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 60_000
/** Time a client has to send a whole request. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 600_000
