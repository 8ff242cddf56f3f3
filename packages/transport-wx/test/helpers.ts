import { createRequire } from 'node:module'
import type { Emulator } from '@vodup/emulator'

const require = createRequire(import.meta.url)
const RPCClient = require('@alicloud/pop-core') as new (
  config: Record<string, unknown>,
) => { request<T>(action: string, params: Record<string, unknown>, options?: object): Promise<T> }

/** Deterministic pseudo-random bytes. */
export function patternBytes(size: number, seed = 7): Uint8Array {
  const out = new Uint8Array(size)
  let x = seed >>> 0 || 1
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

export const KiB = 1024

interface VodAnswer {
  UploadAuth: string
  UploadAddress: string
  VideoId: string
}

/**
 * The app's server: calls VOD's CreateUploadVideo / RefreshUploadVideo on the emulator with the account keys
 * (which never reach the mini program) and hands back what VOD answered.
 */
export function appServer(emulator: Emulator) {
  const vod = new RPCClient({
    endpoint: emulator.url,
    apiVersion: '2017-03-21',
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
  })
  const calls = { create: 0, refresh: 0 }
  const answer = (r: VodAnswer) => ({
    uploadAuth: r.UploadAuth,
    uploadAddress: r.UploadAddress,
    videoId: r.VideoId,
  })
  return {
    calls,
    async createUploadVideo(fileName: string) {
      calls.create++
      return answer(
        await vod.request<VodAnswer>(
          'CreateUploadVideo',
          { Title: fileName, FileName: fileName },
          { method: 'POST' },
        ),
      )
    },
    async refreshUploadVideo(videoId: string) {
      calls.refresh++
      return answer(
        await vod.request<VodAnswer>(
          'RefreshUploadVideo',
          { VideoId: videoId },
          { method: 'POST' },
        ),
      )
    },
  }
}

/** Waits until `predicate` holds, checking every 10 ms; fails after `timeoutMs`. */
export async function until(
  predicate: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
