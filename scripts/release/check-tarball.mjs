import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { run } from './run.mjs'

const require = createRequire(import.meta.url)
const attwManifest = require.resolve('@arethetypeswrong/cli/package.json')
const attwBin = join(dirname(attwManifest), require(attwManifest).bin.attw)

/** publint over the packed tarball: what a consumer installs, with `files` and `exports` as published. */
export async function publintTarball(tarballPath) {
  const bytes = readFileSync(tarballPath)
  const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  const { messages, pkg } = await publint({ pack: { tarball }, level: 'warning', strict: false })
  return messages.map((message) => ({
    type: message.type,
    text: `${message.code}: ${formatMessage(message, pkg, { color: false })}`,
  }))
}

/**
 * @arethetypeswrong/cli over the tarball, with the `node16` profile: types must resolve for `import` and
 * `require` under node16 and bundler resolution. The node10 resolution is left out, as that profile does:
 * it cannot see subpath exports such as `@vodup/core/testing`. Fields attw does not know (`miniprogram`) play
 * no part.
 */
export function attwTarball(tarballPath) {
  const { stdout, status } = run(
    process.execPath,
    [attwBin, tarballPath, '--profile', 'node16', '--format', 'json', '--no-color'],
    { capture: true, allowFailure: true },
  )
  let report
  try {
    report = JSON.parse(stdout)
  } catch {
    return [{ type: 'error', text: `attw failed (exit ${status}): ${stdout.slice(0, 500)}` }]
  }
  const problems = (report.analysis?.problems ?? []).filter(
    (problem) => problem.resolutionKind !== 'node10',
  )
  return problems.map((problem) => ({ type: 'error', text: describeProblem(problem) }))
}

function describeProblem(problem) {
  const where =
    'entrypoint' in problem
      ? `${problem.entrypoint}, ${problem.resolutionKind}`
      : 'typesFileName' in problem
        ? `${problem.typesFileName} for ${problem.implementationFileName}`
        : problem.fileName
  return where ? `${problem.kind} (${where})` : problem.kind
}
