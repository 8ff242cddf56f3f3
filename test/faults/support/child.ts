import { type ChildProcess, spawn } from 'node:child_process'

/** A child process and what it printed. */
export interface Child {
  readonly process: ChildProcess
  readonly stdout: string
  readonly stderr: string
  /** Resolves with the exit code, or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Runs `node <script> <args>` with the given environment (cloud keys from the parent are left out). */
export function startNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Child {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('ALIBABA_CLOUD_')),
  )
  const child = spawn(process.execPath, [script, ...args], {
    cwd,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }))
  })
  return {
    process: child,
    get stdout() {
      return stdout
    },
    get stderr() {
      return stderr
    },
    exited,
  }
}
