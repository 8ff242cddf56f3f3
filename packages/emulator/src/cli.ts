import { parseCliArgs, USAGE } from './cli-args.js'
import { formatEntry } from './format-entry.js'
import { printable } from './printable.js'
import { startEmulator } from './start-emulator.js'

async function main(): Promise<void> {
  let command: ReturnType<typeof parseCliArgs>
  try {
    command = parseCliArgs(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(
      `vodup-emulator: ${printable(error instanceof Error ? error.message : String(error))}\n\n${USAGE}`,
    )
    process.exitCode = 2
    return
  }
  if (command.help) {
    process.stdout.write(USAGE)
    return
  }
  const { quiet, options } = command
  const emulator = await startEmulator({
    ...options,
    ...(quiet ? {} : { onRequest: (entry) => process.stdout.write(`${formatEntry(entry)}\n`) }),
  })
  process.stdout.write(
    [
      `vodup emulator listening on ${emulator.url}`,
      `  VOD, STS and OSS endpoint: ${emulator.url}`,
      `  region:            ${emulator.region}`,
      `  bucket:            ${emulator.defaultBucket}`,
      `  AccessKeyId:       ${emulator.accessKeyId}`,
      `  AccessKeySecret:   ${emulator.accessKeySecret}${options.accessKeySecret ? '' : '  (made for this run)'}`,
      `  token TTL:         ${emulator.tokenTtlSeconds} s`,
      `  storage:           ${options.dataDir ?? 'memory'}`,
      `  control API:       ${emulator.url}/__vodup/`,
      `  control token:     ${emulator.controlToken}  (send "Authorization: Bearer <token>")`,
      '',
    ]
      .map(printable)
      .join('\n'),
  )
  const shutdown = () => {
    void emulator.stop().then(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  process.stderr.write(
    `vodup-emulator: ${printable(error instanceof Error ? error.message : String(error))}\n`,
  )
  process.exit(1)
})
