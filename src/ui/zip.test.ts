import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { zipFolder } from './zip.ts'

/** Every entry of a zip, read by Python's zipfile (an independent reader): name → [text, mode, date]. */
function unzip(bytes: Uint8Array): Record<string, [string, string, number[]]> {
  const path = join(mkdtempSync(join(tmpdir(), 'zip-')), 'all.zip')
  writeFileSync(path, bytes)
  const script = `import zipfile,json,sys
z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None
print(json.dumps({i.filename:[z.read(i).decode(), oct(i.external_attr>>16), list(i.date_time)] for i in z.infolist()}))`
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as Record<
    string,
    [string, string, number[]]
  >
}

describe('zipFolder', () => {
  const files = [
    { path: 'README.md', text: '# Setup\n' },
    { path: 'iam/task-role-trust-policy.json', text: `{\n  "a": "é"\n}\n${'x'.repeat(2000)}` },
    { path: 'setup/aws-cli.sh', text: '#!/bin/bash\necho ok\n' },
  ]

  it('puts every file in one folder, compressed, scripts executable, at a fixed date', () => {
    const bytes = zipFolder('ecs-task-role-setup', files)
    expect(bytes.length).toBeLessThan(1500) // compressed: the 2,000 x's take a few bytes
    const day = [1980, 1, 1, 12, 0, 0]
    expect(unzip(bytes)).toEqual({
      'ecs-task-role-setup/README.md': [files[0]!.text, '0o100644', day],
      'ecs-task-role-setup/iam/task-role-trust-policy.json': [files[1]!.text, '0o100644', day],
      'ecs-task-role-setup/setup/aws-cli.sh': [files[2]!.text, '0o100755', day],
    })
  })

  it('gives the same bytes for the same files, in any time zone', () => {
    const zone = process.env.TZ
    const first = zipFolder('f', files)
    try {
      process.env.TZ = 'Pacific/Kiritimati'
      expect(zipFolder('f', files)).toEqual(first)
    } finally {
      process.env.TZ = zone
    }
  })
})
