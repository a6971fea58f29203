// "Download all": the files in one folder of a .zip, written with fflate (https://github.com/101arrowz/fflate).
// Timestamps are fixed, so the same files always give the same bytes: a teammate's download is byte-identical.
import { zipSync, type Zippable } from 'fflate'

// Noon on 1980-01-01, the first day a zip can hold. fflate writes local (DOS) time, so the date is built from
// local fields at each call: every time zone then writes the same bytes.
const fixedTime = () => new Date(1980, 0, 1, 12, 0, 0)
const UNIX = 3

/** A .zip with one top-level `folder` holding every file; scripts are executable when unzipped on Unix. */
export function zipFolder(
  folder: string,
  files: readonly { path: string; text: string }[],
): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder()
  const mtime = fixedTime()
  const entries: Zippable = {}
  for (const file of files) {
    const mode = file.path.endsWith('.sh') ? 0o100755 : 0o100644
    entries[`${folder}/${file.path}`] = [
      encoder.encode(file.text),
      { os: UNIX, attrs: (mode << 16) >>> 0, mtime },
    ]
  }
  return zipSync(entries, { level: 6, mtime })
}
