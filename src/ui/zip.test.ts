import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { crc32, zipFiles } from './zip.ts'

describe('zipFiles', () => {
  const files = [
    { path: 'iam/task-role-trust-policy.json', text: '{\n  "a": "é"\n}\n' },
    { path: 'setup/aws-cli.sh', text: '#!/bin/bash\necho ok\n' },
  ]

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })

  it('writes an archive that Python’s zipfile reads back file for file, scripts executable', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'zip-')), 'all.zip')
    writeFileSync(path, zipFiles(files))
    const script = `import zipfile,json,sys
z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None
print(json.dumps({i.filename:[z.read(i).decode(), oct(i.external_attr>>16)] for i in z.infolist()}))`
    const listed = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as Record<
      string,
      [string, string]
    >
    expect(listed).toEqual({
      'iam/task-role-trust-policy.json': [files[0]!.text, '0o100644'],
      'setup/aws-cli.sh': [files[1]!.text, '0o100755'],
    })
  })

  it('gives the same bytes for the same files', () => {
    expect(zipFiles(files)).toEqual(zipFiles(files))
  })
})
