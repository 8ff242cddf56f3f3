const SECRET_PARAMS =
  /([?&](?:Signature|SecurityToken|AccessKeyId|OSSAccessKeyId|x-oss-signature|x-oss-security-token|x-oss-credential|security-token)=)[^&#\s"']*/gi

/** Removes query-string credentials from text that may quote a URL (a platform's errMsg). */
export function redact(text: string): string {
  return text.replace(SECRET_PARAMS, '$1***')
}

/** A URL without its query string or fragment, for messages: `https://host/path`. */
export function describeUrl(url: string): string {
  const end = url.search(/[?#]/)
  return end < 0 ? url : url.slice(0, end)
}
