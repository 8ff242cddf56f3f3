import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** Where the emulator keeps its JSON records: nowhere (memory mode) or files in the data directory. */
export interface Persistence {
  /** Reads a record, or undefined when it does not exist. */
  load<T>(name: string): Promise<T | undefined>
  /** Writes a record atomically; writes to one name land in call order. */
  save(name: string, value: unknown): Promise<void>
  /** Deletes a record or a folder of records. */
  remove(name: string): Promise<void>
  /** Names of the records directly inside a folder. */
  list(folder: string): Promise<string[]>
  /** Waits for every pending write. */
  flush(): Promise<void>
}

/** Memory mode: nothing is written and nothing survives a restart. */
export const memoryPersistence: Persistence = {
  load: async () => undefined,
  save: async () => {},
  remove: async () => {},
  list: async () => [],
  flush: async () => {},
}

/** Folders of records: only their owner may list or enter them. */
const FOLDER_MODE = 0o700
/** Records hold issued secrets and tokens: only their owner may read them. */
const RECORD_MODE = 0o600

/**
 * Records as JSON files under `<dataDir>/meta`, readable by their owner only (the folder 0700, each file
 * 0600): the issued credentials among them hold secrets and tokens.
 */
export function diskPersistence(dataDir: string): Persistence {
  const root = join(dataDir, 'meta')
  const pending = new Map<string, Promise<void>>()
  // A folder left by an older version (0755) is closed on first use.
  let secured: Promise<void> | undefined
  const secure = () => {
    secured ??= mkdir(root, { recursive: true, mode: FOLDER_MODE }).then(() =>
      chmod(root, FOLDER_MODE),
    )
    return secured
  }
  const pathOf = (name: string) => join(root, `${name}.json`)

  const enqueue = (name: string, task: () => Promise<void>): Promise<void> => {
    const previous = pending.get(name) ?? Promise.resolve()
    const next = previous.then(task, task)
    pending.set(name, next)
    void next.finally(() => {
      if (pending.get(name) === next) pending.delete(name)
    })
    return next
  }

  return {
    async load<T>(name: string) {
      await pending.get(name)
      await secure()
      try {
        const value = JSON.parse(await readFile(pathOf(name), 'utf8')) as T
        // A record written by an older version (0644) is closed as it is read.
        await chmod(pathOf(name), RECORD_MODE)
        return value
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
    },
    save(name, value) {
      return enqueue(name, async () => {
        await secure()
        const file = pathOf(name)
        await mkdir(dirname(file), { recursive: true, mode: FOLDER_MODE })
        const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`
        await writeFile(temporary, JSON.stringify(value), { mode: RECORD_MODE })
        await rename(temporary, file)
      })
    },
    remove(name) {
      return enqueue(name, async () => {
        await rm(pathOf(name), { force: true })
        await rm(join(root, name), { recursive: true, force: true })
      })
    },
    async list(folder) {
      try {
        const entries = await readdir(join(root, folder))
        return entries.filter((e) => e.endsWith('.json')).map((e) => e.slice(0, -'.json'.length))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
        throw error
      }
    },
    async flush() {
      await Promise.all([...pending.values()])
    },
  }
}
