import { textOf } from './serialize'

/** Where a secret was found: the artefact's label and a hint of which secret (never the secret itself). */
export interface SecretFinding {
  artefact: string
  secret: string
}

/**
 * Collects the secrets a scenario used (account secret, every AccessKeySecret and SecurityToken the emulator
 * issued, the UploadAuth strings that carry them) and everything the suite produced (console output, hook
 * payloads, error messages, checkpoint files, wx storage, the request log, child process output), then looks for
 * every secret in every artefact.
 */
export class SecretWatch {
  private readonly secrets = new Set<string>()
  private readonly artefacts = new Map<string, Set<string>>()
  private bytes = 0

  /** A secret value; its URL-encoded form is looked for too. */
  addSecret(value: unknown): void {
    if (typeof value !== 'string' || value.length < 8) return
    this.secrets.add(value)
    this.secrets.add(encodeURIComponent(value))
  }

  /** Something the suite produced. Repeated texts are kept once. */
  record(label: string, value: unknown): void {
    const text = textOf(value)
    let texts = this.artefacts.get(label)
    if (!texts) {
      texts = new Set()
      this.artefacts.set(label, texts)
    }
    if (!texts.has(text)) {
      texts.add(text)
      this.bytes += text.length
    }
  }

  get secretCount(): number {
    return this.secrets.size
  }

  /** Scans every artefact for every secret and forgets the artefacts. */
  scan(): { findings: SecretFinding[]; artefacts: number; bytes: number } {
    const findings: SecretFinding[] = []
    let artefacts = 0
    for (const [label, texts] of this.artefacts) {
      artefacts += texts.size
      const all = [...texts].join('\n')
      for (const secret of this.secrets) {
        if (all.includes(secret)) {
          findings.push({
            artefact: label,
            secret: `${secret.slice(0, 4)}… (${secret.length} chars)`,
          })
        }
      }
    }
    const bytes = this.bytes
    this.artefacts.clear()
    this.bytes = 0
    return { findings, artefacts, bytes }
  }
}
