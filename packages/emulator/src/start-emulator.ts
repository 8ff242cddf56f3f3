import { mkdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { Clock } from './clock.js'
import { CorsController } from './cors/cors-controller.js'
import { CredentialStore } from './credentials.js'
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCESS_KEY_SECRET,
  DEFAULT_BUCKET,
  DEFAULT_HOST,
  DEFAULT_REGION,
  DEFAULT_TOKEN_TTL_SECONDS,
} from './defaults.js'
import { createDispatcher } from './dispatch.js'
import { FaultController } from './faults.js'
import { RequestLog } from './request-log.js'
import { MediaStore } from './rpc/media-store.js'
import { NonceRegistry } from './rpc/rpc-auth.js'
import { diskBlobStore, memoryBlobStore } from './storage/blob-store.js'
import { ObjectStore } from './storage/object-store.js'
import { diskPersistence, memoryPersistence } from './storage/persistence.js'
import type { Emulator, EmulatorOptions } from './types.js'

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
  const accessKeyId = options.accessKeyId ?? DEFAULT_ACCESS_KEY_ID
  const accessKeySecret = options.accessKeySecret ?? DEFAULT_ACCESS_KEY_SECRET
  const tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS
  const bucket = options.bucket ?? DEFAULT_BUCKET

  if (options.dataDir) await mkdir(options.dataDir, { recursive: true })
  const persistence = options.dataDir ? diskPersistence(options.dataDir) : memoryPersistence
  const blobs = options.dataDir ? diskBlobStore(options.dataDir) : memoryBlobStore()
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
    },
    faults,
    log,
  })

  const server: Server = createServer({ requestTimeout: 0, keepAliveTimeout: 5000 }, (req, res) => {
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

  let stopped: Promise<void> | undefined
  return {
    url: baseUrl,
    host,
    port,
    region,
    accessKeyId,
    accessKeySecret,
    defaultBucket: bucket,
    tokenTtlSeconds,
    faults,
    cors,
    requests: () => log.list(),
    clearRequests: () => log.clear(),
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
