import { describe, expect, it } from 'vitest'
import { contentTypeOf, DEFAULT_CONTENT_TYPE } from './mime'

describe('contentTypeOf', () => {
  it.each([
    ['videos/a.mp4', 'video/mp4'],
    ['A.MOV', 'video/quicktime'],
    ['clip.webm', 'video/webm'],
    ['x/y/cover.JPG', 'image/jpeg'],
    ['song.mp3', 'audio/mpeg'],
    ['doc.pdf', 'application/pdf'],
    ['subs.vtt', 'text/vtt'],
    ['archive.tar.gz', 'application/gzip'],
    ['letter.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['deck.PPTX', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['phone.3g2', 'video/3gpp2'],
    ['tune.midi', 'audio/midi'],
    ['logo.svg', 'image/svg+xml'],
    ['notes.md', 'text/markdown'],
    ['app.apk', 'application/vnd.android.package-archive'],
  ])('%s → %s', (name, type) => {
    expect(contentTypeOf(name)).toBe(type)
  })

  it('falls back to application/octet-stream', () => {
    for (const name of [
      'noext',
      '.mp4',
      'dir.mp4/file',
      'weird.',
      'x.unknownext',
      'x.constructor',
      'x.__proto__',
    ]) {
      expect(contentTypeOf(name)).toBe(DEFAULT_CONTENT_TYPE)
    }
  })
})
