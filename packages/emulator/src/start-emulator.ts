import { mkdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { totalmem } from 'node:os'
import { Clock } from './clock.js'
import type { ControlGuard } from './control-guard.js'
import { checkControlToken, controlGuard, newControlToken } from './control-guard.js'
import { CorsController } from './cors/cors-controller.js'
import { CredentialStore, randomAlphanumeric } from './credentials.js'
import {
  DEFAULT_BUCKET,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_HOST,
  DEFAULT_REGION,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_TOKEN_TTL_SECONDS,
} from './defaults.js'
import { createDispatcher } from './dispatch.js'
import { integerIn } from './fault-checks.js'
import { FaultController } from './faults.js'
import { ActiveRequests } from './http/active-requests.js'
import { ossError } from './oss/errors.js'
import { RequestLog } from './request-log.js'
import { MediaStore } from './rpc/media-store.js'
import { NonceRegistry } from './rpc/rpc-auth.js'
import { diskBlobStore, memoryBlobStore } from './storage/blob-store.js'
import { ObjectStore } from './storage/object-store.js'
import { diskPersistence, memoryPersistence } from './storage/persistence.js'
import type { Emulator, EmulatorOptions } from './types.js'

/** The account keys asked for (both or neither), else a pair made for this run. */
function accountKeys(options: EmulatorOptions): { accessKeyId: string; accessKeySecret: string } {
  const { accessKeyId, accessKeySecret } = options
  if (accessKeyId === undefined && accessKeySecret === undefined)
    return {
      accessKeyId: `LTAI${randomAlphanumeric(20)}`,
      accessKeySecret: randomAlphanumeric(30),
    }
  if (typeof accessKeyId !== 'string' || !/^[A-Za-z0-9._-]{1,128}$/.test(accessKeyId))
    throw new TypeError(
      'accessKeyId must be 1 to 128 letters, digits or ._- (fixed keys need accessKeyId and accessKeySecret)',
    )
  if (typeof accessKeySecret !== 'string' || !/^[\x21-\x7e]{1,256}$/.test(accessKeySecret))
    throw new TypeError(
      'accessKeySecret must be 1 to 256 visible ASCII characters (fixed keys need accessKeyId and accessKeySecret)',
    )
  return { accessKeyId, accessKeySecret }
}

/**
 * Bounded times for a client to send its request, so a stalled connection is answered 408 and closed
 * rather than kept for ever.
 */
function serverTimeouts(options: EmulatorOptions) {
  const maxMs = 2 ** 31 - 1
  const requestTimeout = integerIn(
    options.requestTimeoutMs,
    'requestTimeoutMs',
    1,
    maxMs,
    DEFAULT_REQUEST_TIMEOUT_MS,
  )
  const headersTimeout = Math.min(
    requestTimeout,
    integerIn(options.headersTimeoutMs, 'headersTimeoutMs', 1, maxMs, DEFAULT_HEADERS_TIMEOUT_MS),
  )
  return {
    requestTimeout,
    headersTimeout,
    // How often Node looks for connections past these times.
    connectionsCheckingInterval: Math.max(10, Math.min(30_000, Math.floor(headersTimeout / 4))),
    keepAliveTimeout: 5000,
  }
}

/** The memory store's limit: a positive integer, `Infinity`, or by default half the machine's memory. */
function memoryLimitOf(value: number | undefined): number {
  if (value === undefined) return Math.floor(totalmem() / 2)
  if (value === Number.POSITIVE_INFINITY) return value
  return integerIn(value, 'memoryLimitBytes', 1, Number.MAX_SAFE_INTEGER)
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

/**
 * Starts a local VOD + OSS + STS emulator on one HTTP port.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator()
 * // emulator.url is the VOD, STS and OSS endpoint; emulator.accessKeyId / accessKeySecret are the account keys
 * await emulator.stop()
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? DEFAULT_HOST
  const region = options.region ?? DEFAULT_REGION
  const { accessKeyId, accessKeySecret } = accountKeys(options)
  const memoryLimit = memoryLimitOf(options.memoryLimitBytes)
  const controlToken = options.controlToken
    ? checkControlToken(options.controlToken, 'controlToken')
    : process.env.VODUP_EMULATOR_TOKEN
      ? checkControlToken(process.env.VODUP_EMULATOR_TOKEN, 'VODUP_EMULATOR_TOKEN')
      : newControlToken()
  const tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS
  const bucket = options.bucket ?? DEFAULT_BUCKET

  if (options.dataDir) await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
  const persistence = options.dataDir ? diskPersistence(options.dataDir) : memoryPersistence
  const blobs = options.dataDir
    ? diskBlobStore(options.dataDir)
    : memoryBlobStore(memoryLimit, ossError.insufficientStorage)
  const clock = new Clock()
  const credentials = new CredentialStore({ accessKeyId, accessKeySecret }, clock, persistence)
  const store = new ObjectStore(blobs, persistence)
  const media = new MediaStore(persistence)
  await Promise.all([credentials.load(), store.load(), media.load()])

  const faults = new FaultController(clock, () => credentials.expireAll())
  if (options.faults) await faults.apply(options.faults)
  const cors = new CorsController(options.cors)
  const log = new RequestLog(options.requestLog, options.onRequest)

  let baseUrl = ''
  const getBaseUrl = () => baseUrl
  let guard: ControlGuard | undefined
  const dispatcher = createDispatcher({
    oss: { store, credentials, clock, faults, cors, region, baseUrl: getBaseUrl },
    rpc: {
      credentials,
      clock,
      nonces: new NonceRegistry(),
      media,
      objects: store,
      region,
      bucket,
      tokenTtlSeconds,
      baseUrl: getBaseUrl,
    },
    control: {
      faults,
      cors,
      log,
      store,
      info: () => ({ url: baseUrl, region, defaultBucket: bucket, accessKeyId, tokenTtlSeconds }),
      guard: () => guard!,
    },
    faults,
    log,
  })

  const active = new ActiveRequests()
  const server: Server = createServer(serverTimeouts(options), (req, res) => {
    active.track(res)
    void dispatcher(req, res)
  })
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  baseUrl = `http://${urlHost(host)}:${port}`
  guard = controlGuard(controlToken, host, port)

  let stopped: Promise<void> | undefined
  return {
    url: baseUrl,
    host,
    port,
    region,
    accessKeyId,
    accessKeySecret,
    controlToken,
    defaultBucket: bucket,
    tokenTtlSeconds,
    faults,
    cors,
    requests: () => log.list(),
    clearRequests: () => log.clear(),
    idle: () => active.idle(),
    getObject: (b, k) => store.readAll(b, k),
    listMultipartUploads: () => store.listUploads(),
    stop() {
      stopped ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        for (const socket of sockets) socket.destroy()
        await closed
        await persistence.flush()
        await log.close()
      })()
      return stopped
    },
  }
}
