import type { Authorization, Destination } from '../authorization'
import type { FileTask } from '../file-task'
import type { UploaderPlugin } from '../plugin'

/** Options of {@link memoryAuth}. */
export interface MemoryAuthOptions {
  /** The destination of a file; default: bucket `test-bucket`, key `uploads/<file name>`. */
  destination?: (file: FileTask) => Destination
  /** Credential lifetime in ms (sets `expiresAt`); omit for unknown expiry. */
  ttlMs?: number
  /** Delay before credentials are handed out, in ms. */
  delay?: number
}

/** A test auth plugin handing out numbered security tokens (`token-1`, `token-2`...). */
export interface MemoryAuth extends UploaderPlugin {
  /** How often `authorize` and `tokenExpired` answered. */
  readonly counts: { authorize: number; refresh: number }
}

/** Creates a test auth plugin. */
export function memoryAuth(options: MemoryAuthOptions = {}): MemoryAuth {
  const counts = { authorize: 0, refresh: 0 }
  let token = 0
  const destinationOf =
    options.destination ??
    ((file: FileTask): Destination => ({
      endpoint: 'http://127.0.0.1:1',
      bucket: 'test-bucket',
      objectKey: `uploads/${file.name}`,
    }))
  const issue = async (file: FileTask): Promise<Authorization> => {
    if (options.delay) await new Promise((resolve) => setTimeout(resolve, options.delay))
    token++
    return {
      credentials: {
        accessKeyId: 'STS.test',
        accessKeySecret: `secret-${token}`,
        securityToken: `token-${token}`,
        ...(options.ttlMs !== undefined ? { expiresAt: Date.now() + options.ttlMs } : {}),
      },
      destination: destinationOf(file),
    }
  }
  return {
    name: 'memory-auth',
    counts,
    apply(kernel) {
      kernel.hooks.authorize.tapPromise('memory-auth', async ({ file }) => {
        counts.authorize++
        return issue(file)
      })
      kernel.hooks.tokenExpired.tapPromise('memory-auth', async ({ file }) => {
        counts.refresh++
        return issue(file)
      })
    },
  }
}
