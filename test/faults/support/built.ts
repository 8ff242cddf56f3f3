import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../../', import.meta.url))

/**
 * The absolute path of a built file the suite runs as a user would (the `vodup` command, the single-file
 * VODUpload). Waits a little for a build running meanwhile; fails with a hint when there is none.
 */
export async function builtFile(path: string, waitMs = 60_000): Promise<string> {
  const file = `${root}${path}`
  const deadline = Date.now() + waitMs
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${path} is missing: run "npm run build" first.`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return file
}
