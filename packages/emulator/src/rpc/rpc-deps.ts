import type { Clock } from '../clock.js'
import type { CredentialStore } from '../credentials.js'
import type { ObjectStore } from '../storage/object-store.js'
import type { MediaStore } from './media-store.js'
import type { NonceRegistry } from './rpc-auth.js'

/** What the OpenAPI actions use. */
export interface RpcDeps {
  credentials: CredentialStore
  clock: Clock
  nonces: NonceRegistry
  media: MediaStore
  objects: ObjectStore
  region: string
  bucket: string
  tokenTtlSeconds: number
  /** The emulator's base URL. */
  baseUrl: () => string
}

/** An action: parameters in, JSON fields out (RequestId is added by the caller). */
export type RpcAction = (
  params: Map<string, string>,
  deps: RpcDeps,
) => Promise<Record<string, unknown>>

/** ISO-8601 without milliseconds, as the OpenAPI formats times. */
export const isoSeconds = (epochMs: number) =>
  new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z')
