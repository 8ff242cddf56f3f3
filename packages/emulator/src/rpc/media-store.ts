import type { Persistence } from '../storage/persistence.js'

/** A video or image created through the VOD OpenAPI. */
export interface MediaRecord {
  id: string
  kind: 'video' | 'image'
  title: string
  /** The FileName the caller gave (videos). */
  fileName?: string
  bucket: string
  key: string
  /** Epoch milliseconds (server clock). */
  createdAt: number
  /** Optional metadata parameters, as given. */
  params: Record<string, string>
}

/** Videos and images by id, saved in the data directory when there is one. */
export class MediaStore {
  private readonly byId = new Map<string, MediaRecord>()

  constructor(private readonly persistence: Persistence) {}

  async load(): Promise<void> {
    for (const id of await this.persistence.list('media')) {
      const record = await this.persistence.load<MediaRecord>(`media/${id}`)
      if (record) this.byId.set(record.id, record)
    }
  }

  get(id: string): MediaRecord | undefined {
    return this.byId.get(id)
  }

  async add(record: MediaRecord): Promise<void> {
    this.byId.set(record.id, record)
    await this.persistence.save(`media/${record.id}`, record)
  }
}
