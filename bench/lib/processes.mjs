// Child processes: the emulator as the shared server, and one child per measured upload.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const CLOCK_TICKS_PER_SECOND = 100

/** CPU seconds a process has used so far (user + system), from /proc; undefined where there is no /proc. */
export function processCpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND
  } catch {
    return undefined
  }
}

/** Starts `vodup-emulator` in its own process with data on disk; resolves with its URL and a stop function. */
export async function startEmulatorProcess(root, dataDir) {
  const cli = fileURLToPath(new URL('packages/emulator/dist/cli.js', root))
  const child = spawn(process.execPath, [cli, '--port', '0', '--data-dir', dataDir, '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
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
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve)
        child.kill('SIGINT')
      }),
  }
}

/** Runs a runner script in a fresh Node process and resolves with the JSON it printed last. */
export function runChild(script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(script), JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
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
