/** Account AccessKey id used when none is given. A fixed, obviously fake value for local use only. */
export const DEFAULT_ACCESS_KEY_ID = 'LTAIvodupEmulatorTestKey'
/** Account AccessKey secret used when none is given. A fixed, obviously fake value for local use only. */
export const DEFAULT_ACCESS_KEY_SECRET = 'vodup-emulator-fake-secret-not-for-production'
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
