#!/usr/bin/env node
// The `vodup` command's launcher. It is committed (not built) so that npm can link the bin when a clone is
// installed with `npm ci`, before anything is built. It runs the built command; in a clone where the packages are
// not built yet, it builds the ones the command needs first (once), then runs it.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const command = new URL('../dist/cli.js', import.meta.url)

if (!existsSync(command)) {
  const builder = new URL('../../../scripts/demo-build.mjs', import.meta.url)
  if (!existsSync(builder)) {
    process.stderr.write(
      `vodup: ${fileURLToPath(command)} is missing: this installation of @vodup/cli is incomplete.\n`,
    )
    process.exit(1)
  }
  const root = fileURLToPath(new URL('../../../', import.meta.url))
  process.stderr.write('vodup: first run in this clone: building the packages the command needs\n')
  const { buildDemoPackages } = await import(builder.href)
  try {
    buildDemoPackages(root, (line) => process.stderr.write(`vodup: ${line}\n`))
  } catch (error) {
    process.stderr.write(`vodup: ${error.message}; run \`npm run build\` in ${root} to see why.\n`)
    process.exit(1)
  }
}

await import(command.href)
