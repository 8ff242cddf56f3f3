import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The built command (the root `npm test` builds before running tests). */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

/** What a finished run printed and returned. */
export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** A running `vodup` process. */
export interface CliProcess {
  child: ChildProcess
  /** Output so far. */
  readonly stdout: string
  readonly stderr: string
  done: Promise<CliRun>
}

/** Environment without cloud keys, so a test decides the mode itself. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const name of Object.keys(env)) if (name.startsWith('ALIBABA_CLOUD_')) delete env[name]
  return { ...env, ...extra }
}

/** Starts `vodup <args>` in `cwd`. */
export function startCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number },
): CliProcess {
  return startProgram(process.execPath, [CLI, ...args], options)
}

/** Runs any program to the end (with the same clean environment). */
export function runProgram(
  program: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CliRun> {
  return startProgram(program, args, options).done
}

function startProgram(
  program: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number },
): CliProcess {
  const child = spawn(program, args, {
    cwd: options.cwd,
    env: cleanEnv(options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const done = new Promise<CliRun>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
  return {
    child,
    get stdout() {
      return stdout
    },
    get stderr() {
      return stderr
    },
    done,
  }
}

/** Runs `vodup <args>` to the end. */
export function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number },
): Promise<CliRun> {
  return startCli(args, options).done
}

/** The JSON lines a `--json` run printed. */
export function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

/** Polls `check` every 20 ms until it returns true (the test's own timeout bounds the wait). */
export async function waitFor(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20))
}
