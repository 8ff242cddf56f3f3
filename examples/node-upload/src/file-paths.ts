import { isAbsolute, resolve } from 'node:path'

/**
 * The files named on the command line, as absolute paths. `npm run upload -w examples/node-upload -- ./movie.mp4`
 * runs the script in the example's folder, so a relative path is resolved from where the user typed the command:
 * npm's `INIT_CWD`, else the current directory.
 */
export function filePathsFrom(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd = process.cwd(),
): string[] {
  const base = env.INIT_CWD || cwd
  return args.map((arg) => (isAbsolute(arg) ? arg : resolve(base, arg)))
}
