import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { COMPILED_READMES, readmeExampleProblems, typescriptBlocks } from './readme-examples.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))

describe('README examples', () => {
  it('compile against the sources', () => {
    expect(readmeExampleProblems(root, COMPILED_READMES)).toEqual([])
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
