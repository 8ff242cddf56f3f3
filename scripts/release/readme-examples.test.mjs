import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { compiledReadmes, readmeExampleProblems, typescriptBlocks } from './readme-examples.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))

describe('README examples', () => {
  it('compile against the sources: the README of the repository, of every package and of every example', () => {
    const dirs = compiledReadmes(root)
    expect(dirs).toEqual(
      expect.arrayContaining(['.', 'packages/core', 'packages/vodupload-compat', 'examples/web']),
    )
    expect(readmeExampleProblems(root, dirs)).toEqual([])
  })

  it('hold a JavaScript example to the names it imports and calls', () => {
    const readme = [
      '```js',
      "import { callVodApi, callVodApiTwice } from '@vodup/vod'",
      'console.log(callVodApi, callVodApiTwice, notDeclaredAnywhere, (1).whatever)',
      '```',
    ].join('\n')
    const problems = readmeExampleProblems(root, ['packages/vod'], { 'packages/vod': readme })
    expect(problems).toEqual([
      expect.stringMatching(/^packages\/vod\/README\.md:2: .*'callVodApiTwice'/),
      expect.stringMatching(/^packages\/vod\/README\.md:3: Cannot find name 'notDeclaredAnywhere'/),
    ])
  })

  it('report a type error with the README line it is on', () => {
    const readme = [
      '# x',
      '',
      '```ts',
      "import { callVodApi } from '@vodup/vod'",
      '',
      'const answer = await callVodApi(async () => ({ status: 200, headers: {}, body: "{}" }), {',
      "  action: 'CreateUploadVideo',",
      "  credentials: { accessKeyId: 'a', accessKeySecret: 'b' },",
      '})',
      'const id: number = answer.VideoId',
      '```',
    ].join('\n')
    expect(typescriptBlocks(readme)).toHaveLength(1)
    const problems = readmeExampleProblems(root, ['packages/vod'], { 'packages/vod': readme })
    expect(problems).toEqual([
      expect.stringMatching(/^packages\/vod\/README\.md:10: Type 'unknown'/),
    ])
  })
})
