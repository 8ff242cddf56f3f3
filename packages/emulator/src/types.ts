import type { CorsController } from './cors/cors-controller.js'
import type { CorsRule } from './cors/cors-rule.js'
import type { FaultSettings } from './fault-types.js'
import type { FaultController } from './faults.js'
import type { RequestLogEntry } from './request-log.js'
import type { MultipartUploadInfo } from './storage/object-store.js'

/** How to start an emulator. Every field is optional. */
export interface EmulatorOptions {
  /** TCP port; `0` (the default) picks a free one. */
  port?: number
  /** Interface to bind. Default `'127.0.0.1'`. */
  host?: string
  /** Directory that keeps objects, uploads, videos and issued credentials across restarts. Omit to keep everything in memory. */
  dataDir?: string
  /**
   * Without {@link EmulatorOptions.dataDir}: most bytes of objects and parts kept in memory. A request that would
   * store more is answered 507 `InsufficientStorage` (its bytes dropped), until objects are deleted or uploads
   * aborted. Default: half the machine's memory (`os.totalmem()`). A positive integer; `Infinity` for no limit.
   */
  memoryLimitBytes?: number
  /**
   * Account (root) AccessKey id, to run with fixed keys (give the secret too). Default: a pair made for this run,
   * so that no page or program that did not get them from you can sign requests.
   */
  accessKeyId?: string
  /** Account (root) AccessKey secret, given with {@link EmulatorOptions.accessKeyId}. Default: made for this run. */
  accessKeySecret?: string
  /**
   * The token the control API (`/__vodup/`) requires, 16 to 256 characters of letters, digits and `._~+/=-`.
   * Default: the `VODUP_EMULATOR_TOKEN` environment variable, else a random one made for this run.
   */
  controlToken?: string
  /** Lifetime of every issued STS and UploadAuth credential, in seconds. Default 3000. */
  tokenTtlSeconds?: number
  /** Region id reported in UploadAuth and required in V4 signatures. Default `'cn-shanghai'`. */
  region?: string
  /** Bucket that CreateUploadVideo and CreateUploadImage hand out. Default `'outin-vodup-emulator'`. */
  bucket?: string
  /** Faults in force from the first request on. */
  faults?: FaultSettings
  /**
   * CORS rules of every bucket (OSS's PutBucketCors, in JSON). Default: one rule allowing any origin, every
   * method and request header, exposing `ETag`, `x-oss-request-id` and `x-oss-hash-crc64ecma`. `null`: no CORS.
   */
  cors?: CorsRule[] | null
  /** Time a client has to send a request's headers, in ms. Default 60,000. */
  headersTimeoutMs?: number
  /**
   * Time a client has to send a whole request (headers and body), in ms. Default 600,000: a 1 GiB part at
   * 2 MB/s. A connection that stalls past either is answered 408 and closed.
   */
  requestTimeoutMs?: number
  /** File that receives the request log as JSON lines (appended). */
  requestLog?: string
  /** Called once per finished request (the CLI prints these). */
  onRequest?: (entry: RequestLogEntry) => void
}

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:40123`: the VOD, STS and OSS endpoint at once. */
  readonly url: string
  /** Bound host. */
  readonly host: string
  /** Bound port. */
  readonly port: number
  /** Region id. */
  readonly region: string
  /** Account AccessKey id. */
  readonly accessKeyId: string
  /** Account AccessKey secret. */
  readonly accessKeySecret: string
  /** The token of the control API: send it as `Authorization: Bearer <token>`. */
  readonly controlToken: string
  /** Bucket handed out by CreateUploadVideo / CreateUploadImage. */
  readonly defaultBucket: string
  /** Lifetime of issued credentials, in seconds. */
  readonly tokenTtlSeconds: number
  /** Fault injection, changeable at any time. */
  readonly faults: FaultController
  /** The buckets' CORS rules, changeable at any time. */
  readonly cors: CorsController
  /** The request log so far (oldest first). */
  requests(): RequestLogEntry[]
  /** Forgets the request log kept in memory. */
  clearRequests(): void
  /**
   * Resolves once the emulator is serving no request (at once when it serves none). A client that aborted requests
   * may leave the server still reading their bodies, storing parts and logging them: wait for this before reading
   * the log or the objects in a test that aborted requests.
   */
  idle(): Promise<void>
  /** The stored bytes of an object, or undefined when it does not exist (read synchronously; meant for tests). */
  getObject(bucket: string, key: string): Buffer | undefined
  /** Multipart uploads that were initiated and neither completed nor aborted. */
  listMultipartUploads(): MultipartUploadInfo[]
  /** Closes the server and every open connection, and flushes the data directory and request log. */
  stop(): Promise<void>
}
