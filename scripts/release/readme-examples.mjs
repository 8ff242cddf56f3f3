import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'

/** Diagnostics a JavaScript example is checked for: unknown names, modules, exports and members of a module. */
const JS_ERRORS = new Set([2304, 2305, 2307, 2552, 2613, 2614, 2724])

/**
 * The folders whose README examples are compiled against the sources: the repository's own README, every package's
 * and every example's. Each ```ts block is compiled as a TypeScript module; each ```js block as a JavaScript module,
 * checked for names, modules and exports that do not exist. The mini-program typings declare `wx` for the examples
 * written for WeChat.
 */
export function compiledReadmes(root) {
  const dirs = ['packages', 'examples'].flatMap((parent) =>
    existsSync(join(root, parent))
      ? readdirSync(join(root, parent))
          .map((name) => `${parent}/${name}`)
          .filter((dir) => existsSync(join(root, dir, 'README.md')))
      : [],
  )
  return ['.', ...dirs.sort()]
}

/**
 * The fenced ```ts and ```js blocks of a markdown text, with the line each starts on (1-based, the fence's next
 * line) and whether it is JavaScript.
 */
export function typescriptBlocks(markdown) {
  const blocks = []
  for (const match of markdown.matchAll(/^```(ts|typescript|js|javascript)\n([\s\S]*?)^```/gm)) {
    const line = markdown.slice(0, match.index).split('\n').length + 1
    blocks.push({ code: match[2], line, javascript: match[1].startsWith('j') })
  }
  return blocks
}

/**
 * Type errors of the README examples of `dirs` (relative to `root`), compiled with the repository's tsconfig (its
 * `@vodup/*` paths point at the sources), each block as a module in its package's folder. Returns one line per
 * error: `packages/vod/README.md:31: Property 'x' does not exist...`.
 */
export function readmeExampleProblems(root, dirs = compiledReadmes(root), readmes = {}) {
  const examples = new Map()
  for (const dir of dirs) {
    const path = join(root, dir, 'README.md')
    const markdown = readmes[dir] ?? (existsSync(path) ? readFileSync(path, 'utf8') : '')
    typescriptBlocks(markdown).forEach(({ code, line, javascript }, i) => {
      examples.set(join(root, dir, `README.example-${i + 1}.${javascript ? 'mjs' : 'ts'}`), {
        code,
        line,
        readme: `${dir}/README.md`,
        javascript,
      })
    })
    // The one-file drop-in apps copy beside their code (`import VODUpload from './vodupload.wx.js'`) has the
    // package's types.
    for (const name of ['vodupload.wx', 'vodupload.web']) {
      examples.set(join(root, dir, `${name}.d.ts`), {
        code: "export { default } from '@vodup/vodupload-compat'\n",
        line: 0,
        readme: `${dir}/README.md`,
        support: true,
      })
    }
  }
  if (examples.size === 0) return []
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root)
  const compilerOptions = {
    ...options,
    noEmit: true,
    noUnusedLocals: false,
    allowJs: true,
    checkJs: true,
    types: [...(options.types ?? []), 'miniprogram-api-typings'],
  }
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
    if (!example || example.support) continue
    // JavaScript examples are held to what breaks them when the API moves (names, modules, exports, syntax), not to
    // the types a JavaScript app never writes.
    if (example.javascript && diagnostic.code >= 2000 && !JS_ERRORS.has(diagnostic.code)) continue
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')
    problems.push(`${example.readme}:${example.line + line}: ${text}`)
  }
  return problems
}
