import { runCli } from './program'

let interrupts = 0
const listeners = new Set<() => void>()
const interrupt = () => {
  interrupts++
  // A second Ctrl-C does not wait for the checkpoint to be written.
  if (interrupts > 1) process.exit(130)
  for (const listener of [...listeners]) listener()
}
process.on('SIGINT', interrupt)
process.on('SIGTERM', interrupt)

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  onInterrupt(listener) {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`vodup: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  },
)
