import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'

const root = fileURLToPath(new URL('../../../', import.meta.url))

/** `@vodup/<name>` from package sources, so the command runs the code under test without a build. */
const workspaceSources: esbuild.Plugin = {
  name: 'vodup-workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^@vodup\/[a-z0-9-]+$/ }, (args) => ({
      path: `${root}packages/${args.path.slice('@vodup/'.length)}/src/index.ts`,
    }))
  },
}

/**
 * Bundles the `vodup` command (packages/cli/src/cli.ts and what it imports) into one ES module file at `outfile`,
 * to run in child processes.
 */
export async function bundleCli(outfile: string): Promise<string> {
  await esbuild.build({
    entryPoints: [`${root}packages/cli/src/cli.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [workspaceSources],
    banner: {
      js: "import { createRequire as __vodupRequire } from 'node:module'; const require = __vodupRequire(import.meta.url);",
    },
    logLevel: 'silent',
  })
  return outfile
}
