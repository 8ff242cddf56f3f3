import { toUploadError } from '@vodup/core'
import { Command, CommanderError, Option } from 'commander'
import { version } from '../package.json'
import { runEmulatorCommand } from './emulator/emulator-command'
import { EXIT_CODES } from './exit-codes'
import { DEFAULT_EMULATOR_DATA_DIR, DEFAULT_EMULATOR_PORT } from './options/defaults'
import { parseCount } from './options/parse-size'
import { type RawUploadOptions, resolveUploadOptions } from './options/upload-options'
import { jsonReporter } from './output/json-reporter'
import { plainReporter } from './output/plain-reporter'
import type { OutputStreams } from './output/reporter'
import { ttyReporter } from './output/tty-reporter'
import { runUpload } from './upload/run-upload'

/** What the command runs with: streams, environment, working directory and Ctrl-C. */
export interface CliContext extends OutputStreams {
  env: NodeJS.ProcessEnv
  cwd: string
  /** Subscribes to Ctrl-C (SIGINT, SIGTERM); returns a function that unsubscribes. */
  onInterrupt(listener: () => void): () => void
}

const EXIT_CODES_HELP = `
Exit codes: 0 every file uploaded; 1 an upload failed (credentials refused or expired, endpoint unreachable,
server error); 2 bad usage or input (options, missing, unreadable or directory files); 130 interrupted.`

const UPLOAD_HELP = `
Where files go:
  no keys              a built-in emulator (port ${DEFAULT_EMULATOR_PORT}, data in ${DEFAULT_EMULATOR_DATA_DIR}/)
  keys + --region      ApsaraVideo VOD in that region (the command calls CreateUploadVideo itself)
  keys + --vod-endpoint any VOD-compatible endpoint, e.g. a running \`vodup emulator\`
Keys come from --access-key-id / --access-key-secret or ALIBABA_CLOUD_ACCESS_KEY_ID /
ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for STS keys).
An interrupted upload (Ctrl-C, crash) continues where it stopped when the same command runs again.
${EXIT_CODES_HELP}`

function integerOption(flag: string) {
  return (value: string) => parseCount(value, flag, 0)
}

function printError(context: CliContext, json: boolean, error: unknown): void {
  const problem = toUploadError(error)
  if (json) {
    context.stdout.write(
      `${JSON.stringify({ error: { code: problem.code, message: problem.message } })}\n`,
    )
  } else {
    context.stderr.write(`vodup: ${problem.message}\n`)
  }
}

function untilInterrupted(context: CliContext): Promise<void> {
  return new Promise((resolve) => {
    const off = context.onInterrupt(() => {
      off()
      resolve()
    })
  })
}

/** Runs the `vodup` command line (`argv` without the node and script paths) and resolves with the exit code. */
export async function runCli(argv: string[], context: CliContext): Promise<number> {
  const json = argv.includes('--json')
  let exitCode: number = EXIT_CODES.ok
  const program = new Command('vodup')
    .description(
      'Upload videos and images to Alibaba Cloud ApsaraVideo VOD, with progress and resume.',
    )
    .version(version)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => (json ? undefined : context.stderr.write(text)),
    })
    .addHelpText('after', EXIT_CODES_HELP)

  program
    .command('upload')
    .description('upload files to VOD (or to a built-in emulator when no keys are given)')
    .argument('<files...>', 'files to upload')
    .option('-c, --concurrency <n>', 'parts in flight per file (default 4)')
    .option('-p, --part-size <size>', 'part size, e.g. 8MiB or 1048576 (default 8MiB)')
    .option('--title <title>', 'video title (default: the file name)')
    .option('--cate-id <id>', 'VOD category id')
    .option('--json', 'print one JSON object per file instead of progress')
    .option('--access-key-id <id>', 'AccessKey id (or ALIBABA_CLOUD_ACCESS_KEY_ID)')
    .option('--access-key-secret <secret>', 'AccessKey secret (or ALIBABA_CLOUD_ACCESS_KEY_SECRET)')
    .option('--security-token <token>', 'STS security token (or ALIBABA_CLOUD_SECURITY_TOKEN)')
    .option('--region <id>', 'VOD region, e.g. cn-shanghai')
    .option('--vod-endpoint <url>', 'a VOD-compatible endpoint, e.g. http://127.0.0.1:17070')
    .option('--checkpoint-dir <dir>', 'where resume checkpoints are kept')
    .option(
      '--emulator-port <port>',
      `port of the built-in emulator (default ${DEFAULT_EMULATOR_PORT})`,
    )
    .option(
      '--emulator-data-dir <dir>',
      `data of the built-in emulator (default ${DEFAULT_EMULATOR_DATA_DIR})`,
    )
    .addHelpText('after', UPLOAD_HELP)
    .action(async (files: string[], raw: RawUploadOptions) => {
      const settings = resolveUploadOptions(files, raw, context.env, context.cwd)
      exitCode = await runUpload(settings, {
        reporter: ({ total, names }) =>
          settings.json
            ? jsonReporter(context)
            : context.stdout.isTTY
              ? ttyReporter(context, total, names)
              : plainReporter(context),
        onInterrupt: context.onInterrupt,
      })
    })

  program
    .command('emulator')
    .description('run the local VOD + OSS + STS emulator in the foreground')
    .addOption(
      new Option('--port <port>', 'TCP port')
        .default(DEFAULT_EMULATOR_PORT)
        .argParser(integerOption('--port')),
    )
    .option('--host <address>', 'interface to bind', '127.0.0.1')
    .option('--data-dir <dir>', 'where objects and videos are kept', DEFAULT_EMULATOR_DATA_DIR)
    .option('--access-key-id <id>', 'account AccessKey id (default: a fixed test key)')
    .option(
      '--access-key-secret <secret>',
      'account AccessKey secret (default: a fixed test secret)',
    )
    .addOption(
      new Option('--token-ttl <seconds>', 'lifetime of issued credentials').argParser(
        integerOption('--token-ttl'),
      ),
    )
    .option('--quiet', 'do not print one line per request')
    .action(async (options) => {
      exitCode = await runEmulatorCommand(options, context, context.cwd, () =>
        untilInterrupted(context),
      )
    })

  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT_CODES.ok
      if (json) printError(context, json, new Error(error.message.replace(/^error: /, '')))
      return EXIT_CODES.usage
    }
    printError(context, json, error)
    const code = toUploadError(error).code
    return code === 'INVALID_ARGUMENT' ? EXIT_CODES.usage : EXIT_CODES.uploadFailed
  }
}
