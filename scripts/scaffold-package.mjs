// Creates the files every workspace package starts from. Usage: node scripts/scaffold-package.mjs <folder> <description> [--miniprogram]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const [folder, description, flag] = process.argv.slice(2)
const miniprogram = flag === '--miniprogram'
const dir = join('packages', folder)
const name = `@vodup/${folder}`
mkdirSync(join(dir, 'src'), { recursive: true })
const write = (file, text) => {
  if (!existsSync(join(dir, file))) writeFileSync(join(dir, file), text)
}
const typesFor = (d) => ({ types: `./dist/${d}.d.ts`, default: `./dist/${d}.js` })
write(
  'package.json',
  `${JSON.stringify(
    {
      name,
      version: '0.1.0',
      description,
      license: 'MIT',
      type: 'module',
      main: './dist/index.cjs',
      module: './dist/index.js',
      types: './dist/index.d.ts',
      ...(miniprogram ? { miniprogram: 'miniprogram_dist' } : {}),
      exports: {
        '.': {
          import: typesFor('index'),
          require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
        },
        './package.json': './package.json',
      },
      files: ['dist', ...(miniprogram ? ['miniprogram_dist'] : []), 'README.md', 'CHANGELOG.md'],
      sideEffects: false,
      keywords: ['vodup', 'aliyun', 'vod', 'oss', 'upload'],
      repository: { type: 'git', url: 'git+https://github.com/vodup/vodup.git', directory: dir },
      engines: { node: '>=20.19' },
      scripts: { build: 'tsup' },
    },
    null,
    2,
  )}\n`,
)
write(
  'tsconfig.json',
  `${JSON.stringify(
    {
      extends: '../../tsconfig.base.json',
      compilerOptions: { types: miniprogram ? [] : ['node'], rootDir: 'src' },
      include: ['src'],
      exclude: ['src/**/*.test.ts', 'src/**/__tests__'],
    },
    null,
    2,
  )}\n`,
)
write(
  'tsup.config.ts',
  `import { defineConfig } from 'tsup'\nimport { packageBuild } from '../../build/package-build'\n\nexport default defineConfig(packageBuild({ entry: { index: 'src/index.ts' }${miniprogram ? ', miniprogram: true' : ''} }))\n`,
)
write('src/index.ts', 'export {}\n')
write('README.md', `# ${name}\n\n${description}\n`)
