/**
 * Exit codes of the `vodup` command.
 *
 * | code | meaning |
 * |---|---|
 * | 0 | every file uploaded or skipped (already uploaded); a dry run |
 * | 1 | an upload failed: refused or expired credentials, unreachable endpoint, server errors |
 * | 2 | bad usage or input, found before anything was sent: options, missing or unreadable files, a directory without `-r`, an empty file, a type VOD refuses, a part size out of range, an unusable checkpoint directory, a malformed endpoint, a missing profile |
 * | 130 | interrupted (Ctrl-C); run the same command again to resume |
 */
export const EXIT_CODES = Object.freeze({
  ok: 0,
  uploadFailed: 1,
  usage: 2,
  interrupted: 130,
})
