import { resolve } from 'node:path'
import type { OutputStreams } from '../output/reporter'

/** `vodup emulator` options as commander hands them over (already parsed). */
export interface EmulatorCommandOptions {
  port: number
  host: string
  dataDir: string
  accessKeyId?: string
  accessKeySecret?: string
  tokenTtl?: number
  quiet?: boolean
}

/**
 * `vodup emulator`: runs the emulator in the foreground (by default on the built-in emulator's port and data
 * directory) until Ctrl-C, printing its URL, keys and, unless quiet, one line per request.
 */
export async function runEmulatorCommand(
  options: EmulatorCommandOptions,
  { stdout }: OutputStreams,
  cwd: string,
  untilInterrupted: () => Promise<void>,
): Promise<number> {
  const dataDir = resolve(cwd, options.dataDir)
  const { printable, startEmulator } = await import('@vodup/emulator')
  const emulator = await startEmulator({
    port: options.port,
    host: options.host,
    dataDir,
    ...(options.accessKeyId ? { accessKeyId: options.accessKeyId } : {}),
    ...(options.accessKeySecret ? { accessKeySecret: options.accessKeySecret } : {}),
    ...(options.tokenTtl ? { tokenTtlSeconds: options.tokenTtl } : {}),
    ...(options.quiet
      ? {}
      : {
          // Keys and bucket names come from whoever sends a request: no control character reaches the terminal.
          onRequest: (entry) =>
            stdout.write(
              `${printable(`${entry.time} ${entry.operation} ${entry.status}${entry.code ? ` ${entry.code}` : ''}${entry.key ? ` ${entry.bucket}/${entry.key}` : ''}${entry.partNumber ? ` part ${entry.partNumber}` : ''} ${entry.bytes} B`)}\n`,
            ),
        }),
  })
  stdout.write(
    [
      `vodup emulator listening on ${emulator.url}`,
      `  VOD, STS and OSS endpoint  ${emulator.url}`,
      `  region                     ${emulator.region}`,
      `  bucket                     ${emulator.defaultBucket}`,
      `  AccessKeyId                ${emulator.accessKeyId}`,
      `  AccessKeySecret            ${options.accessKeySecret ? '(the one given)' : emulator.accessKeySecret}`,
      `  data                       ${dataDir}`,
      `  control API token          ${emulator.controlToken}`,
      `Upload to it: vodup upload <files> --vod-endpoint ${emulator.url} --access-key-id ${emulator.accessKeyId} --access-key-secret <secret above>`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  )
  await untilInterrupted()
  await emulator.stop()
  return 0
}
