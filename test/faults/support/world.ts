import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Emulator, type RequestLogEntry, startEmulator } from '@vodup/emulator'
import { type AppServer, appServer } from './app-server'
import { SecretWatch } from './secrets'

/** One test file's surroundings: an emulator with distinctive keys, an app server, a secret watch, a temp dir. */
export interface World {
  readonly emulator: Emulator
  readonly server: AppServer
  readonly watch: SecretWatch
  /** A directory for this file's files and checkpoints, removed at the end. */
  readonly dir: string
  /** The emulator's data directory (it keeps issued credentials there). */
  readonly dataDir: string
  /** Calls `listener` with each finished request until the returned function is called. */
  onRequest(listener: (entry: RequestLogEntry) => void): () => void
  /** Adds every credential the emulator issued so far to the secret watch; returns how many it found. */
  learnIssuedSecrets(): number
  stop(): Promise<void>
}

/** Starts the emulator (port 0, on disk) with an account secret that appears nowhere else. */
export async function createWorld(name: string): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), `vodup-faults-${name}-`))
  const dataDir = join(dir, 'emulator')
  const listeners = new Set<(entry: RequestLogEntry) => void>()
  const accessKeySecret = `vodupFaultsAccountSecret${randomBytes(12).toString('hex')}`
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    accessKeyId: `LTAIfaults${randomBytes(6).toString('hex')}`,
    accessKeySecret,
    onRequest: (entry) => {
      for (const listener of listeners) listener(entry)
    },
  })
  const watch = new SecretWatch()
  watch.addSecret(accessKeySecret)
  const server = appServer(emulator, watch)
  const credentialsFile = join(dataDir, 'meta', 'credentials.json')
  return {
    emulator,
    server,
    watch,
    dir,
    dataDir,
    onRequest(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    learnIssuedSecrets() {
      if (!existsSync(credentialsFile)) return 0
      const issued = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Array<{
        accessKeySecret?: string
        securityToken?: string
      }>
      for (const credential of issued) {
        watch.addSecret(credential.accessKeySecret)
        watch.addSecret(credential.securityToken)
      }
      return issued.length
    },
    async stop() {
      await emulator.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Records every file under `dir` (checkpoint files) as artefacts; synchronous, so hooks can call it mid-upload. */
export function recordDirectory(watch: SecretWatch, dir: string, label: string) {
  let names: string[]
  try {
    names = readdirSync(dir, { recursive: true }) as string[]
  } catch {
    return
  }
  for (const name of names) {
    try {
      watch.record(`${label}/${name}`, readFileSync(join(dir, name), 'utf8'))
    } catch {
      // A directory, or a file replaced meanwhile.
    }
  }
}
