import { UploadError } from '@vodup/core'
import { describe, expect, it } from 'vitest'
import { Mailbox } from './mailbox'

const aborted = () => new UploadError('ABORTED', 'stopped')

describe('Mailbox', () => {
  it('keeps an answer given before the question for that file only', async () => {
    const mailbox = new Mailbox<string>()
    mailbox.deliver('a', { value: 'for a' })
    let waited = false
    const b = mailbox.take('b', () => {
      waited = true
    })
    expect(waited).toBe(true)
    await expect(mailbox.take('a')).resolves.toBe('for a')
    mailbox.deliver('b', { value: 'for b' })
    await expect(b).resolves.toBe('for b')
  })

  it('receives an answer given synchronously while announcing the wait', async () => {
    const mailbox = new Mailbox<string>()
    const answer = mailbox.take('a', () => mailbox.deliver('a', { value: 'at once' }))
    await expect(answer).resolves.toBe('at once')
  })

  it('gives an answer without a file to the file waiting longest, or keeps it for the next question', async () => {
    const mailbox = new Mailbox<string>()
    const first = mailbox.take('a')
    const second = mailbox.take('b')
    mailbox.deliver(undefined, { value: 'one' })
    await expect(first).resolves.toBe('one')
    expect(mailbox.isWaiting('b')).toBe(true)
    mailbox.deliver(undefined, { value: 'two' })
    await expect(second).resolves.toBe('two')
    mailbox.deliver(undefined, { value: 'three' })
    await expect(mailbox.take('c')).resolves.toBe('three')
  })

  it('hands errors to the file they belong to', async () => {
    const mailbox = new Mailbox<string>()
    const error = new UploadError('AUTH_INVALID', 'bad', { field: 'UploadAuth' })
    mailbox.deliver('a', { error })
    await expect(mailbox.take('a')).rejects.toBe(error)
  })

  it('ends a wait on cancel and when a newer question replaces it; forget drops kept answers', async () => {
    const mailbox = new Mailbox<string>()
    const old = mailbox.take('a')
    const newer = mailbox.take('a')
    await expect(old).rejects.toMatchObject({ code: 'ABORTED' })
    mailbox.cancel('a', aborted())
    await expect(newer).rejects.toMatchObject({ code: 'ABORTED' })
    mailbox.deliver('a', { value: 'late' })
    mailbox.deliver(undefined, { value: 'stale' })
    mailbox.forget('a', aborted())
    let waited = false
    const next = mailbox.take('a', () => {
      waited = true
    })
    expect(waited).toBe(true)
    mailbox.cancel('a', aborted())
    await expect(next).rejects.toMatchObject({ code: 'ABORTED' })
  })
})
