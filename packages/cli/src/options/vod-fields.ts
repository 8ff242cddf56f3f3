import { UploadError } from '@vodup/core'

/** The VOD fields of `vodup upload`, as commander hands them over. */
export interface RawVodFields {
  title?: string
  cateId?: string
  tags?: string
  description?: string
  templateGroupId?: string
  workflowId?: string
  storageLocation?: string
  userData?: string
}

/** VOD API parameters by name (`Title`, `CateId`...), as the VOD layer reads them from `meta.vod`. */
export type VodFields = Record<string, string>

// Limits from the CreateUploadVideo reference: a title of at most 128 characters, a description of at most 1,024,
// at most 16 tags of at most 32 characters each.
const MAX_TITLE = 128
const MAX_DESCRIPTION = 1024
const MAX_TAGS = 16
const MAX_TAG = 32
/** Ids VOD hands out (template groups, workflows) are letters, digits, `-` and `_`. */
const ID = /^[A-Za-z0-9_-]{1,64}$/
/** A storage address is a bucket's host name, e.g. `outin-xxxx.oss-cn-shanghai.aliyuncs.com`. */
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/

function usage(flag: string, message: string): UploadError {
  return new UploadError('INVALID_ARGUMENT', `${flag} ${message}`, { field: flag })
}

function length(text: string): number {
  return [...text].length
}

function tagsOf(text: string): string {
  const tags = text.split(',').map((tag) => tag.trim())
  if (tags.some((tag) => tag === '')) {
    throw usage('--tags', `must be tags separated by commas, none empty; got "${text}".`)
  }
  if (tags.length > MAX_TAGS) throw usage('--tags', `takes at most ${MAX_TAGS} tags.`)
  const long = tags.find((tag) => length(tag) > MAX_TAG)
  if (long)
    throw usage('--tags', `takes tags of at most ${MAX_TAG} characters; "${long}" is longer.`)
  return tags.join(',')
}

function userDataOf(text: string): string {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw usage('--user-data', `must be a JSON object: ${(error as Error).message}.`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw usage('--user-data', 'must be a JSON object such as {"Extend":{"id":"42"}}.')
  }
  return text
}

/**
 * Checks the VOD field options before anything is sent and returns them as VOD API parameters. Throws
 * `INVALID_ARGUMENT` naming the option.
 */
export function vodFieldsOf(raw: RawVodFields): VodFields {
  const fields: VodFields = {}
  if (raw.title !== undefined) {
    if (raw.title.trim() === '') throw usage('--title', 'cannot be empty.')
    if (length(raw.title) > MAX_TITLE)
      throw usage('--title', `takes at most ${MAX_TITLE} characters.`)
    fields.Title = raw.title
  }
  if (raw.cateId !== undefined) {
    if (!/^\d{1,19}$/.test(raw.cateId)) {
      throw usage('--cate-id', `must be a VOD category id (digits); got "${raw.cateId}".`)
    }
    fields.CateId = raw.cateId
  }
  if (raw.tags !== undefined) fields.Tags = tagsOf(raw.tags)
  if (raw.description !== undefined) {
    if (length(raw.description) > MAX_DESCRIPTION) {
      throw usage('--description', `takes at most ${MAX_DESCRIPTION} characters.`)
    }
    fields.Description = raw.description
  }
  for (const [flag, key, value] of [
    ['--template-group-id', 'TemplateGroupId', raw.templateGroupId],
    ['--workflow-id', 'WorkflowId', raw.workflowId],
  ] as const) {
    if (value === undefined) continue
    if (!ID.test(value)) throw usage(flag, `must be an id of letters and digits; got "${value}".`)
    fields[key] = value
  }
  if (raw.storageLocation !== undefined) {
    if (!HOST.test(raw.storageLocation)) {
      throw usage(
        '--storage-location',
        `must be a storage address such as outin-xxxx.oss-cn-shanghai.aliyuncs.com; got "${raw.storageLocation}".`,
      )
    }
    fields.StorageLocation = raw.storageLocation
  }
  if (raw.userData !== undefined) fields.UserData = userDataOf(raw.userData)
  return fields
}
