import { UploadError } from './errors'
import type { FileExtensions } from './file-task'

/** A value a layer may keep on a file: it is saved in checkpoints, so plain JSON and never a secret. */
export type ExtensionValue = string | number | boolean

/** Core's own names on a file and a result: an extension may not take them. */
const RESERVED: ReadonlySet<string> = new Set([
  'id',
  'input',
  'key',
  'name',
  'meta',
  'state',
  'size',
  'loaded',
  'destination',
  'uploadId',
  'error',
  'result',
  'fileId',
  'endpoint',
  'bucket',
  'objectKey',
  'etag',
  'crc64',
  'partsSent',
  'partsResumed',
  'toJSON',
  'constructor',
  '__proto__',
  'prototype',
])

/** The problem with an extension object, or undefined when it is a valid one. */
export function extensionProblem(value: unknown): { field: string; reason: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { field: '', reason: 'must be an object of named values' }
  }
  for (const [name, field] of Object.entries(value)) {
    if (RESERVED.has(name)) {
      return { field: `.${name}`, reason: `names a field of the file itself ("${name}")` }
    }
    if (field !== undefined && !['string', 'number', 'boolean'].includes(typeof field)) {
      return { field: `.${name}`, reason: 'must be a string, a number or a boolean' }
    }
  }
  return undefined
}

/** Checks an authorization's `extensions`; throws `AUTH_INVALID` naming the bad field. */
export function assertExtensions(value: unknown, field: string): void {
  const problem = extensionProblem(value)
  if (problem) {
    throw new UploadError('AUTH_INVALID', `${field}${problem.field} ${problem.reason}.`, {
      field: `${field}${problem.field}`,
    })
  }
}

const names = new WeakMap<object, Set<string>>()

/** Sets extension fields on a file (flat, as `file.videoId`); `undefined` values are skipped. */
export function setExtensions(
  file: object,
  extensions: Partial<FileExtensions> | undefined,
  onlyMissing = false,
): void {
  if (!extensions) return
  let known = names.get(file)
  if (!known) {
    known = new Set()
    names.set(file, known)
  }
  for (const [name, value] of Object.entries(extensions)) {
    if (value === undefined || RESERVED.has(name)) continue
    if (onlyMissing && known.has(name)) continue
    known.add(name)
    ;(file as Record<string, unknown>)[name] = value
  }
}

/** The extension fields a file holds, as a plain object (for checkpoints and results). */
export function extensionsOf(file: object): Partial<FileExtensions> {
  const out: Record<string, unknown> = {}
  for (const name of names.get(file) ?? []) out[name] = (file as Record<string, unknown>)[name]
  return out as Partial<FileExtensions>
}
