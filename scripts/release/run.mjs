import { spawnSync } from 'node:child_process'

/**
 * Runs a command to completion. `capture` returns its output instead of printing it; a non-zero exit throws
 * with the command's output, unless `allowFailure` is set.
 */
export function run(command, args, { cwd, capture = false, allowFailure = false, env } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  })
  if (result.error) throw result.error
  if (result.status !== 0 && !allowFailure) {
    const output = capture ? `\n${result.stdout}\n${result.stderr}` : ''
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status} in ${cwd}${output}`)
  }
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' }
}
