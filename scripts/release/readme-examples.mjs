import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'

/**
 * Packages whose README `ts` examples are compiled against the sources (the whole example, as a module). Add a
 * package here once its README's TypeScript blocks are complete programs.
 */
export const COMPILED_READMES = [
  'packages/vod',
  'packages/auth-uploadauth',
  'packages/auth-sts',
  'packages/transport-browser',
]

/** The fenced ```ts blocks of a markdown text, with the line each starts on (1-based, the fence's next line). */
export function typescriptBlocks(markdown) {
  const blocks = []
  for (const match of markdown.matchAll(/^```(ts|typescript)\n([\s\S]*?)^```/gm)) {
    const line = markdown.slice(0, match.index).split('\n').length + 1
    blocks.push({ code: match[2], line })
  }
  return blocks
}

/**
 * Type errors of the README examples of `dirs` (relative to `root`), compiled with the repository's tsconfig (its
 * `@vodup/*` paths point at the sources), each block as a module in its package's folder. Returns one line per
 * error: `packages/vod/README.md:31: Property 'x' does not exist...`.
 */
export function readmeExampleProblems(root, dirs = COMPILED_READMES, readmes = {}) {
  const examples = new Map()
  for (const dir of dirs) {
    const path = join(root, dir, 'README.md')
    const markdown = readmes[dir] ?? (existsSync(path) ? readFileSync(path, 'utf8') : '')
    typescriptBlocks(markdown).forEach(({ code, line }, i) => {
      examples.set(join(root, dir, `README.example-${i + 1}.ts`), {
        code,
        line,
        readme: `${dir}/README.md`,
      })
    })
  }
  if (examples.size === 0) return []
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root)
  const compilerOptions = { ...options, noEmit: true, noUnusedLocals: false }
  const host = ts.createCompilerHost(compilerOptions)
  const { fileExists, readFile, getSourceFile } = host
  host.fileExists = (file) => examples.has(file) || fileExists.call(host, file)
  host.readFile = (file) => examples.get(file)?.code ?? readFile.call(host, file)
  host.getSourceFile = (file, language, ...rest) =>
    examples.has(file)
      ? ts.createSourceFile(file, examples.get(file).code, language, true)
      : getSourceFile.call(host, file, language, ...rest)
  const program = ts.createProgram([...examples.keys()], compilerOptions, host)
  const problems = []
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const example = diagnostic.file && examples.get(diagnostic.file.fileName)
    if (!example) continue
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')
    problems.push(`${example.readme}:${example.line + line}: ${text}`)
  }
  return problems
}
