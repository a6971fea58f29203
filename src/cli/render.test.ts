import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCommand } from '../test-support/run-command.ts'
import { listFiles } from '../test-support/scenarios.ts'
import { runCli } from './render.ts'

const temp = () => mkdtempSync(join(tmpdir(), 'render-cli-'))
const readAll = (dir: string) =>
  Object.fromEntries(listFiles(dir).map((p) => [p, readFileSync(join(dir, p), 'utf8')]))

describe('npm run render', () => {
  const link =
    'https://tools.example.org/ecs/#/?v=1&os=windows&ami=windows-2025&networkMode=default&accountId=012345678901&clusterName=win&buckets.0.name=1e10&buckets.0.access=read-write&buckets.0.prefix=in/'
  const configFile = {
    version: 1,
    os: 'windows',
    ami: 'windows-2025',
    networkMode: 'default',
    accountId: '012345678901',
    clusterName: 'win',
    buckets: [{ name: '1e10', access: 'read-write', prefix: 'in/' }],
  }

  it('writes byte-identical files for a permalink and for the same config file', () => {
    const fromLink = temp()
    const fromFile = temp()
    const file = join(temp(), 'config.json')
    writeFileSync(file, JSON.stringify(configFile, null, 2))
    const a = runCli([link, '--out', fromLink])
    const b = runCli([file, '--out', fromFile])
    expect(a.code).toBe(0)
    expect(b.code).toBe(0)
    const linkFiles = readAll(fromLink)
    expect(Object.keys(linkFiles)).toContain('container/bootstrap-routes.ps1')
    expect(linkFiles).toEqual(readAll(fromFile))
    expect(a.stdout.at(-1)).toMatch(/^\d+ files for #\/\?v=1&os=windows/)
  })

  it('prints the findings and exits 1 without writing when they include errors', () => {
    const out = temp()
    const result = runCli(['#/?v=1&os=windows&ami=windows-2016&networkMode=awsvpc', '--out', out])
    expect(result.code).toBe(1)
    expect(result.stderr.join('\n')).toMatch(/error: networkMode: .*Windows Server 2016/)
    expect(listFiles(out)).toEqual([])
    expect(
      runCli(['#/?v=1&os=windows&ami=windows-2016&networkMode=awsvpc', '--out', out, '--allow-errors']).code,
    ).toBe(1)
    expect(listFiles(out).length).toBeGreaterThan(5)
  })

  it('exits 2 with a message per field when the input is invalid, writing nothing', () => {
    const out = temp()
    const result = runCli(["#/?v=1&clusterName=a'b&accountId=12&colour=red", '--out', out])
    expect(result.code).toBe(2)
    expect(result.stderr.join('\n')).toMatch(/clusterName: Cluster name: "'" is not allowed/)
    expect(result.stderr.join('\n')).toMatch(/accountId: Account ID: Exactly 12 digits/)
    expect(result.stderr.join('\n')).toMatch(/colour: Unknown setting/)
    expect(listFiles(out)).toEqual([])
  })

  it('exits 2 on a config file that is not JSON, and on usage errors', () => {
    const file = join(temp(), 'broken.json')
    writeFileSync(file, '{ "os": ')
    expect(runCli([file, '--out', temp()])).toMatchObject({
      code: 2,
      stderr: [expect.stringMatching(/not valid JSON/) as string],
    })
    expect(runCli(['#/?v=1'])).toMatchObject({ code: 2 })
    expect(runCli(['not-a-file-or-link', '--out', temp()]).stderr[0]).toMatch(
      /neither a file nor a permalink/,
    )
    expect(runCli(['--help']).code).toBe(0)
  })

  it('runs the README example as written: a Windows link with os and networkMode only, exit 0', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')
    const example = /^npm run render -- '([^']+)' --out out\/$/m.exec(readme)
    expect(example).not.toBeNull()
    const out = temp()
    const result = runCli([example![1]!, '--out', out])
    expect(result.stderr).toEqual([])
    expect(result.code).toBe(0)
    const files = readAll(out)
    expect(files['ec2/user-data.ps1']).toContain('-EnableTaskIAMRole -EnableTaskENI -AwsvpcBlockIMDS')
    expect(files['ecs/task-definition.json']).toContain('mcr.microsoft.com/windows/servercore/iis')
  })

  it('keeps terminal escape sequences from a hostile link out of its output', () => {
    const result = runCli(['#/?v=1&%1B]0;pwned%07=1', '--out', temp()])
    expect(result.code).toBe(2)
    expect(result.stderr.join('\n')).not.toContain('\u001b')
    expect(result.stderr.join('\n')).not.toContain('\u0007')
  })

  it('prints its findings in formatted English when run outside Vite with NODE_ENV=production', async () => {
    const out = temp()
    const tsx = join(import.meta.dirname, '../../node_modules/.bin/tsx')
    const result = await runCommand(
      tsx,
      [join(import.meta.dirname, 'render.ts'), '#/?v=1&networkMode=awsvpc', '--out', out],
      { env: { ...process.env, NODE_ENV: 'production' }, timeout: 60_000 },
    )
    expect(result.status).toBe(0)
    expect(result.stdout).toContain("uses the default VPC's default subnets and its default security group")
    expect(result.stdout + result.stderr).not.toMatch(/\{securityGroups|plural,|Uncompiled message/)
  }, 60_000)
})
