#!/usr/bin/env node
// A committed entry so package managers can link the command before the package is built;
// the command itself is the tsup build of src/cli.ts.
import('../dist/cli.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write(
      'vodup-emulator: dist/cli.js is missing; run `npm run build -w packages/emulator`\n',
    )
    process.exit(1)
  }
  throw error
})
