// Child processes: the emulator as the shared server, and one child per measured upload, each optionally pinned
// to its own CPU with `taskset` so that the server and the client do not compete for a core.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'

export { processCpuSeconds, processWaitSeconds } from './proc.mjs'

/** The 1-minute load average of the machine (work of other processes that shares the CPUs). */
export function loadAverage() {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0])
  } catch {
    return undefined
  }
}

/** CPUs for the server and the client when `taskset` exists and there are two or more; otherwise none. */
export function pinning(wanted) {
  if (!wanted || cpus().length < 2) return undefined
  const probe = spawnSync('taskset', ['-c', '0', process.execPath, '-e', ''], { stdio: 'ignore' })
  return probe.status === 0 ? { server: '0', client: '1' } : undefined
}

/** `node args…`, pinned to `cpu` through taskset when given. */
function nodeCommand(args, cpu) {
  return cpu === undefined
    ? [process.execPath, args]
    : ['taskset', ['-c', cpu, process.execPath, ...args]]
}

/**
 * Starts `vodup-emulator` in its own process, keeping objects in memory; resolves with its URL, account keys, pid
 * and a stop function.
 */
export async function startEmulatorProcess(root, cpu) {
  const cli = fileURLToPath(new URL('packages/emulator/dist/cli.js', root))
  const [command, args] = nodeCommand([cli, '--port', '0', '--quiet'], cpu)
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`the emulator exited with code ${code}`)))
  })
  const field = (name) => new RegExp(`${name}:\\s+(\\S+)`).exec(output)?.[1]
  return {
    url,
    pid: child.pid,
    region: field('region'),
    accessKeyId: field('AccessKeyId'),
    accessKeySecret: field('AccessKeySecret'),
    controlToken: field('control token'),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve)
        child.kill('SIGINT')
      }),
  }
}

/**
 * Runs a runner script in a fresh Node process (pinned to `cpu` when given, with extra Node flags) and resolves
 * with the JSON it printed last.
 */
export function runChild(script, args, { cpu, nodeFlags = [] } = {}) {
  const [command, commandArgs] = nodeCommand(
    [...nodeFlags, fileURLToPath(script), JSON.stringify(args)],
    cpu,
  )
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script.pathname} exited with code ${code}`))
      resolve(JSON.parse(output.trim().split('\n').at(-1)))
    })
  })
}

/** A call of the emulator's control API with its token; throws when the emulator refuses it. */
async function control({ url, controlToken }, method) {
  const response = await fetch(`${url}/__vodup/requests`, {
    method,
    headers: controlToken ? { authorization: `Bearer ${controlToken}` } : {},
  })
  if (!response.ok) throw new Error(`control API ${method}: HTTP ${response.status}`)
  return response.json()
}

/** Empties the emulator's request log (its control API). */
export async function clearRequestLog(server) {
  await control(server, 'DELETE')
}

/** How many requests the emulator logged since its log was last emptied. */
export async function requestCount(server) {
  return (await control(server, 'GET')).length
}
