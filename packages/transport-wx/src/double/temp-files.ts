import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'

/** How a temp path looks: `wxfile://tmp_…` on phones, `http://tmp/…` in WeChat DevTools. */
export type TempPathStyle = 'wxfile' | 'devtools'

/** Where `files.create` puts a file: a temp file (gone after a cold restart) or a user file (kept). */
export interface CreateFileOptions {
  /** A name whose extension the temp path keeps (`movie.mp4` → `wxfile://tmp_<32 hex>.mp4`). Default `file.bin`. */
  name?: string
  /** `tmp` (default) or `usr` (`wxfile://usr/<name>`, survives `evictTempFiles()`). */
  kind?: 'tmp' | 'usr'
  /** Path format of a temp file. Default: the double's `tempPathStyle`. */
  style?: TempPathStyle
}

const USER_DATA_PATH = 'wxfile://usr'

/**
 * WeChat file paths mapped onto a real directory: `wxfile://tmp_*` and `http://tmp/*` to `<root>/tmp`,
 * `wxfile://usr/*` to `<root>/usr`, `wxfile://store_*` to `<root>/store`.
 */
export class TempFiles {
  readonly userDataPath = USER_DATA_PATH

  constructor(
    readonly root: string,
    private readonly defaultStyle: TempPathStyle,
  ) {
    for (const dir of ['tmp', 'usr', 'store']) mkdirSync(join(root, dir), { recursive: true })
  }

  /** Writes `content` to a new file and returns its WeChat path. */
  create(content: Uint8Array | string, options: CreateFileOptions = {}): string {
    const name = options.name ?? 'file.bin'
    let wxPath: string
    if (options.kind === 'usr') {
      wxPath = `${USER_DATA_PATH}/${name}`
    } else {
      const id = randomBytes(16).toString('hex')
      const ext = extname(name)
      wxPath =
        (options.style ?? this.defaultStyle) === 'devtools'
          ? `http://tmp/${id}${ext}`
          : `wxfile://tmp_${id}${ext}`
    }
    const real = this.resolve(wxPath)
    if (!real) throw new Error(`Cannot place a file named "${name}".`)
    mkdirSync(join(real, '..'), { recursive: true })
    writeFileSync(real, content)
    return wxPath
  }

  /** The real path behind a WeChat path, or undefined for a path outside the mapped areas. */
  resolve(wxPath: string): string | undefined {
    const mapped = mapPath(wxPath)
    if (!mapped) return undefined
    const real = normalize(join(this.root, mapped.area, mapped.rest))
    return real.startsWith(join(this.root, mapped.area) + sep) ? real : undefined
  }

  /** True when the path names a temp file (which a cold restart may delete). */
  isTemp(wxPath: string): boolean {
    return mapPath(wxPath)?.area === 'tmp'
  }

  /** Deletes one file. */
  remove(wxPath: string): void {
    const real = this.resolve(wxPath)
    if (real) rmSync(real, { force: true })
  }

  /** Deletes every temp file, as WeChat may after the mini program exits (a cold restart). User files stay. */
  evictTempFiles(): void {
    const dir = join(this.root, 'tmp')
    for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true })
  }
}

function mapPath(wxPath: string): { area: string; rest: string } | undefined {
  if (typeof wxPath !== 'string') return undefined
  if (wxPath.startsWith('wxfile://tmp_')) return { area: 'tmp', rest: wxPath.slice(9) }
  if (wxPath.startsWith('http://tmp/')) return { area: 'tmp', rest: wxPath.slice(11) }
  if (wxPath.startsWith(`${USER_DATA_PATH}/`)) {
    return { area: 'usr', rest: wxPath.slice(USER_DATA_PATH.length + 1) }
  }
  if (wxPath.startsWith('wxfile://store_')) return { area: 'store', rest: wxPath.slice(9) }
  return undefined
}
