// The command line as a pipeline runs it: the built executable (vite.cli.config.ts), copied alone into an
// empty folder and run with `node` and a bare environment. Never the TypeScript source.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { listFiles } from '../test-support/scenarios.ts'
import { buildCli } from './build-for-tests.ts'
import { EXIT } from './exit-codes.ts'
import { MANIFEST } from './safe-write.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string
  version: string
  bin: Record<string, string>
}
const temp = (prefix = 'cli-') => mkdtempSync(join(tmpdir(), prefix))
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')

let bin = ''
beforeAll(() => {
  const built = buildCli()
  expect(statSync(built).mode & 0o777).toBe(0o755)
  // Alone in an empty folder, far from any node_modules: it must carry everything it imports.
  bin = join(temp('cli-alone-'), basename(built))
  copyFileSync(built, bin)
}, 120_000)

// No NODE_OPTIONS, NODE_PATH or NODE_ENV from the test runner.
const ENV = { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', HOME: tmpdir() }

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function cli(
  args: string[],
  options: { input?: string; cwd?: string; env?: Record<string, string> } = {},
): Run {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? tmpdir(),
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...ENV, ...options.env },
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** A documented command line, run by bash as written, with `npx ecs-task-role-wizard` meaning the build. */
function shell(command: string, cwd: string): Run {
  const runnable = command
    .replaceAll('npx ecs-task-role-wizard', `node ${bin}`)
    .replaceAll('node dist-cli/ecs-task-role-wizard.mjs', `node ${bin}`)
  // stdin closed: on a socket stdin bash would read ~/.bashrc (see src/test-support/run-command.ts).
  const run = spawnSync('bash', ['-c', runnable], {
    cwd,
    encoding: 'utf8',
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '')
/** Every generated file in `dir` by path (the manifest left out). */
const readAll = (dir: string) =>
  Object.fromEntries(
    listFiles(dir)
      .filter((p) => p !== MANIFEST)
      .map((p) => [p, readFileSync(join(dir, p), 'utf8')]),
  )
const FINDING_LINE = /^(error|warning|info): .* \[finding\.[\w.]+\]$|^ {2}source: /
const noStackTrace = (run: Run) => expect(run.stdout + run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)

const WINDOWS_LINK =
  'https://tools.example.org/ecs/?utm_source=chat#/?v=1&os=windows&accountId=012345678901&clusterName=win&buckets.0.name=1e10&buckets.0.access=read-write&buckets.0.prefix=in/'
const WINDOWS_CONFIG = {
  version: 1,
  os: 'windows',
  accountId: '012345678901',
  clusterName: 'win',
  buckets: [{ name: '1e10', access: 'read-write', prefix: 'in/' }],
}
/** Linux with only info findings. */
const LINUX_LINK = '#/?v=1&accountId=012345678901'
/** Windows Server 2016 cannot run awsvpc tasks: an error finding. */
const ERROR_LINK = '#/?v=1&os=windows&ami=windows-2016&networkMode=awsvpc&accountId=012345678901'

describe('the built executable', () => {
  it("is one plain-JS file, package.json's bin, that runs with node alone", () => {
    const text = readFileSync(bin, 'utf8')
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true)
    const imports = [...text.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]!)
    expect(imports.length).toBeGreaterThan(0)
    expect(imports.filter((specifier) => !specifier.startsWith('node:'))).toEqual([])
    const code = text.split('\n').filter((l) => !/^\s*(\/\/|\/\*|\*)/.test(l))
    expect(code.filter((l) => /\bimport\(|\brequire\(/.test(l))).toEqual([])
    expect(PKG.bin).toEqual({ [PKG.name]: `dist-cli/${basename(bin)}` })
    expect(cli(['--version'])).toEqual({ code: 0, stdout: `${PKG.version}\n`, stderr: '' })
    // Run as a program: the #! line and the mode the build gives it.
    const direct = spawnSync(bin, ['-v'], { encoding: 'utf8', env: ENV })
    expect(direct.stdout).toBe(`${PKG.version}\n`)
  })

  it('runs from the checkout as `npm run -s render --` and `npx ecs-task-role-wizard`', () => {
    // npm run render builds dist-cli/ from the source first; npx then finds package.json's bin there.
    const viaNpm = spawnSync('npm', ['run', '-s', 'render', '--', '--version'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    expect(viaNpm.stdout).toBe(`${PKG.version}\n`)
    const viaNpx = spawnSync('npx', [PKG.name, '--version'], { cwd: ROOT, encoding: 'utf8' })
    expect(viaNpx.stdout).toBe(`${PKG.version}\n`)
    expect(viaNpx.status).toBe(0)
  }, 60_000)

  it('--help gives the usage, every exit status, and examples that work as written', () => {
    const help = cli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stderr).toBe('')
    expect(cli(['render', '--help']).stdout).toBe(help.stdout)
    for (const code of Object.values(EXIT))
      expect(help.stdout).toMatch(new RegExp(`^ {2}${code} {2}\\S`, 'm'))
    const examples = lines(help.stdout.slice(help.stdout.indexOf('\nExamples:\n') + 11)).map((l) => l.trim())
    expect(examples).toHaveLength(3)
    const dir = temp()
    for (const example of examples) {
      const run = shell(example, dir)
      expect(run.code, `${example}\n${run.stderr}`).toBe(0)
    }
  })

  it("the README's Command line examples work as written, and its exit table is the tool's", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const start = readme.indexOf('\n## Command line\n')
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1))
    const commands = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
      lines(m[1]!).filter((l) => !l.startsWith('#')),
    )
    expect(commands.length).toBeGreaterThanOrEqual(5)
    const dir = temp()
    for (const command of commands) {
      const run = shell(command, dir)
      expect(run.code, `${command}\n${run.stderr}`).toBe(0)
    }
    expect(Object.keys(readAll(join(dir, 'out')))).toContain('container/bootstrap-routes.ps1')
    expect(Object.keys(readAll(join(dir, 'linux')))).toContain('host/iptables.sh')
    expect(JSON.parse(readFileSync(join(dir, 'render.json'), 'utf8'))).toMatchObject({ exitCode: 0 })

    const table = [...section.matchAll(/^\| (\d+) +\|/gm)].map((m) => Number(m[1]))
    expect(table).toEqual(Object.values(EXIT))
  })
})

describe('render --out', () => {
  it('lists the files written and the summary on stdout, the findings on stderr', () => {
    const out = temp()
    const run = cli(['render', WINDOWS_LINK, '--out', out])
    expect(run.code).toBe(0)
    const stdout = lines(run.stdout)
    const files = readAll(out)
    expect(
      stdout
        .slice(0, -1)
        .map((l) => l.replace(`wrote ${out}/`, ''))
        .sort(),
    ).toEqual(Object.keys(files))
    expect(stdout.at(-1)).toBe(
      `${Object.keys(files).length} files in ${out} (${Object.keys(files).length} written, 0 unchanged, 0 removed) for https://tools.example.org/ecs/#/?v=1&os=windows&accountId=012345678901&clusterName=win&buckets.0.name=1e10&buckets.0.access=read-write&buckets.0.prefix=in%2F`,
    )
    expect(lines(run.stderr).length).toBeGreaterThan(0)
    for (const line of lines(run.stderr)) expect(line).toMatch(FINDING_LINE)
    expect(run.stderr).toMatch(/^warning: os: .*\[finding\.windows\.restartRecovery\]$/m)
  })

  it('writes the same bytes for a link, a config file and standard input', () => {
    const fromLink = temp()
    expect(cli(['render', WINDOWS_LINK, '--out', fromLink]).code).toBe(0)
    const dir = temp()
    writeFileSync(join(dir, 'config.json'), JSON.stringify(WINDOWS_CONFIG, null, 2))
    const base = ['--base-url', 'https://tools.example.org/ecs/']
    const fromFile = join(dir, 'from-file')
    expect(cli(['render', 'config.json', '--out', fromFile, ...base], { cwd: dir }).code).toBe(0)
    const fromStdin = join(dir, 'from-stdin')
    const configOnStdin = cli(['render', '-', '--out', fromStdin, ...base], {
      input: JSON.stringify(WINDOWS_CONFIG),
    })
    expect(configOnStdin.code).toBe(0)
    const linkOnStdin = join(dir, 'link-on-stdin')
    expect(cli(['render', '-', '--out', linkOnStdin], { input: `${WINDOWS_LINK}\n` }).code).toBe(0)

    const expected = readAll(fromLink)
    expect(Object.keys(expected)).toContain('container/bootstrap-routes.ps1')
    expect(readAll(fromFile)).toEqual(expected)
    expect(readAll(fromStdin)).toEqual(expected)
    expect(readAll(linkOnStdin)).toEqual(expected)

    const empty = cli(['render', '-', '--json'], { input: ' \n' })
    expect(empty.code).toBe(EXIT.input)
    expect(empty.stderr).toMatch(
      /^ecs-task-role-wizard: standard input cannot be used:\n {2}It is empty\. \[cli\.input\.empty\]$/m,
    )
  })

  it('keeps the address of a full link in the file headers; --base-url replaces it', () => {
    const header = (args: string[]) => {
      const out = temp()
      expect(cli(['render', ...args, '--out', out]).code).toBe(0)
      return readFileSync(join(out, 'setup/aws-cli.sh'), 'utf8').split('\n')[2]
    }
    expect(header([WINDOWS_LINK])).toMatch(
      /^# Configuration: https:\/\/tools\.example\.org\/ecs\/#\/\?v=1&os=windows&/,
    )
    expect(header([WINDOWS_LINK, '--base-url', 'https://other.example/wizard/?x=1#y'])).toMatch(
      /^# Configuration: https:\/\/other\.example\/wizard\/#\/\?v=1&os=windows&/,
    )
    expect(header([LINUX_LINK])).toBe(`# Configuration: ${LINUX_LINK}`)
  })

  it('gives .sh files mode 0755 and the others 0644, whatever the umask', () => {
    const dir = temp()
    const run = shell(`umask 077 && node ${bin} render '${LINUX_LINK}' --out out/`, dir)
    expect(run.code).toBe(0)
    const modes = Object.fromEntries(
      listFiles(join(dir, 'out')).map((p) => [p, statSync(join(dir, 'out', p)).mode & 0o777]),
    )
    expect(modes['host/iptables.sh']).toBe(0o755)
    for (const [path, mode] of Object.entries(modes))
      expect(mode, path).toBe(path.endsWith('.sh') ? 0o755 : 0o644)
  })

  it('writes each file atomically: a new file is renamed over the old one, and no temporary file stays', () => {
    const out = temp()
    expect(cli(['render', LINUX_LINK, '--out', out]).code).toBe(0)
    const script = join(out, 'setup/aws-cli.sh')
    const before = readFileSync(script, 'utf8')
    // A hard link keeps the old file: written in place, it would change too.
    const holder = join(temp(), 'old.sh')
    linkSync(script, holder)
    const again = cli(['render', `${LINUX_LINK}&clusterName=other`, '--out', out])
    expect(again.code).toBe(0)
    expect(again.stdout).toContain(`wrote ${out}/setup/aws-cli.sh`)
    expect(again.stdout).toContain(`unchanged ${out}/iam/task-role-trust-policy.json`)
    expect(readFileSync(script, 'utf8')).toContain('other')
    expect(readFileSync(holder, 'utf8')).toBe(before)
    expect(statSync(script).ino).not.toBe(statSync(holder).ino)
    expect(readdirSync(out, { recursive: true }).filter((p) => String(p).endsWith('.tmp'))).toEqual([])
  })

  it('removes files it wrote before that the input no longer produces, and nothing else', () => {
    const out = temp()
    expect(cli(['render', WINDOWS_LINK, '--out', out]).code).toBe(0)
    // The user's own files, one file the tool wrote and the user changed, a file outside the folder.
    writeFileSync(join(out, 'notes.txt'), 'mine')
    writeFileSync(join(out, 'container/mine.ps1'), 'mine')
    writeFileSync(join(out, 'container/verify-credentials.ps1'), '# changed by hand\n', { flag: 'a' })
    const outside = join(temp(), 'outside.txt')
    writeFileSync(outside, 'keep me')
    // A tampered manifest naming files outside the folder, with their right hashes.
    const manifestPath = join(out, MANIFEST)
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, string> }
    manifest.files[`../${basename(join(outside, '..'))}/outside.txt`] = sha256('keep me')
    manifest.files[outside] = sha256('keep me')
    manifest.files['notes.txt'] = sha256('mine')
    writeFileSync(manifestPath, JSON.stringify(manifest))

    const run = cli(['render', LINUX_LINK, '--out', out])
    expect(run.code).toBe(0)
    const removed = lines(run.stdout)
      .filter((l) => l.startsWith('removed '))
      .map((l) => l.slice(`removed ${out}/`.length))
    expect(removed.sort()).toEqual([
      'container/bootstrap-routes.ps1',
      'ec2/user-data.ps1',
      'host/recover-after-restart.ps1',
    ])
    expect(run.stderr).toContain(
      `note: kept ${out}/container/verify-credentials.ps1, which this input no longer produces: changed since this tool wrote it`,
    )
    expect(readFileSync(outside, 'utf8')).toBe('keep me')
    const fresh = temp()
    expect(cli(['render', LINUX_LINK, '--out', fresh]).code).toBe(0)
    expect(Object.keys(readAll(out))).toEqual(
      [
        ...Object.keys(readAll(fresh)),
        'container/mine.ps1',
        'container/verify-credentials.ps1',
        'notes.txt',
      ].sort(),
    )
    const after = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, string> }
    expect(Object.keys(after.files).sort()).toEqual(Object.keys(readAll(fresh)))
  })

  it('refuses a symbolic link anywhere inside the output folder, writing nothing', () => {
    const out = temp()
    const elsewhere = temp()
    symlinkSync(elsewhere, join(out, 'ec2'))
    const dirLink = cli(['render', LINUX_LINK, '--out', out])
    expect(dirLink.code).toBe(EXIT.io)
    expect(lines(dirLink.stderr).at(-1)).toBe(
      `ecs-task-role-wizard: ${out}/ec2 is a symbolic link: refusing to write through it (nothing was written)`,
    )
    expect(readdirSync(elsewhere)).toEqual([])
    expect(readdirSync(out)).toEqual(['ec2'])
    noStackTrace(dirLink)

    const out2 = temp()
    const victim = join(temp(), 'victim.sh')
    writeFileSync(victim, 'keep me')
    mkdirSync(join(out2, 'setup'))
    symlinkSync(victim, join(out2, 'setup/aws-cli.sh'))
    const fileLink = cli(['render', LINUX_LINK, '--out', out2])
    expect(fileLink.code).toBe(EXIT.io)
    expect(fileLink.stderr).toContain(
      `${out2}/setup/aws-cli.sh is a symbolic link: refusing to write through it`,
    )
    expect(readFileSync(victim, 'utf8')).toBe('keep me')
    expect(lstatSync(join(out2, 'setup/aws-cli.sh')).isSymbolicLink()).toBe(true)
    expect(readdirSync(out2, { recursive: true }).sort()).toEqual(['setup', 'setup/aws-cli.sh'])

    // The folder itself may be a link (only what is inside it is checked).
    const real = temp()
    const outLink = join(temp(), 'out')
    symlinkSync(real, outLink)
    expect(cli(['render', LINUX_LINK, '--out', outLink]).code).toBe(0)
    expect(Object.keys(readAll(real))).toContain('host/iptables.sh')
  })
})

describe('render --check', () => {
  it('passes on freshly rendered files and fails with a unified diff after one byte changes', () => {
    const out = temp()
    expect(cli(['render', LINUX_LINK, '--out', out]).code).toBe(0)
    const count = Object.keys(readAll(out)).length
    const same = cli(['render', LINUX_LINK, '--check', out])
    expect(same.code).toBe(0)
    expect(same.stdout).toBe(`${count} files in ${out} match ${LINUX_LINK}\n`)

    const config = join(out, 'ec2/ecs.config')
    const bytes = readFileSync(config)
    const at = bytes.indexOf('ECS_ENABLE_TASK_IAM_ROLE=true') + 'ECS_ENABLE_TASK_IAM_ROLE=tr'.length
    bytes[at] = 'U'.charCodeAt(0)
    writeFileSync(config, bytes)
    const changed = cli(['render', LINUX_LINK, '--check', out])
    expect(changed.code).toBe(EXIT.drift)
    expect(changed.stdout).toContain(
      [
        `different: ${out}/ec2/ecs.config`,
        `--- ${out}/ec2/ecs.config`,
        `+++ ${out}/ec2/ecs.config (rendered)`,
      ].join('\n'),
    )
    expect(changed.stdout).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/m)
    expect(changed.stdout).toMatch(/^-ECS_ENABLE_TASK_IAM_ROLE=trUe\n\+ECS_ENABLE_TASK_IAM_ROLE=true$/m)
    expect(changed.stdout).toMatch(/: 1 different, 0 missing, 0 extra\n$/)
    expect(changed.stderr).toContain(`ecs-task-role-wizard: ${out} is not what the input renders`)
    expect(readFileSync(config)).toEqual(bytes)

    rmSync(join(out, 'host/iptables.sh'))
    writeFileSync(join(out, 'notes.txt'), 'mine')
    const drift = cli(['render', LINUX_LINK, '--check', out, '--json'])
    expect(drift.code).toBe(EXIT.drift)
    const report = JSON.parse(drift.stdout) as {
      outcome: string
      check: { missing: string[]; extra: string[]; different: { path: string; diff: string }[] }
    }
    expect(report.outcome).toBe('differs')
    expect(report.check.missing).toEqual(['host/iptables.sh'])
    expect(report.check.extra).toEqual(['notes.txt'])
    expect(report.check.different.map((d) => d.path)).toEqual(['ec2/ecs.config'])
    expect(report.check.different[0]!.diff).toContain('\n+ECS_ENABLE_TASK_IAM_ROLE=true\n')
    const listed = lines(cli(['render', LINUX_LINK, '--check', out]).stdout)
    expect(listed).toContain(`missing: ${out}/host/iptables.sh`)
    expect(listed).toContain(`extra: ${out}/notes.txt`)
  })

  it('--fail-on warning fails on warnings, even when the folder matches', () => {
    const out = temp()
    expect(cli(['render', WINDOWS_LINK, '--out', out]).code).toBe(0)
    expect(cli(['render', WINDOWS_LINK, '--check', out]).code).toBe(0)
    const strict = cli(['render', WINDOWS_LINK, '--check', out, '--fail-on', 'warning'])
    expect(strict.code).toBe(EXIT.findings)
    expect(strict.stderr).toMatch(/findings? at warning level or above \(--fail-on warning\)$/m)
  })
})

describe('findings, input and errors', () => {
  it('--json prints one document: files with SHA-256, findings with codes, the canonical link', () => {
    const out = temp()
    const run = cli(['render', WINDOWS_LINK, '--out', out, '--json'])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as {
      exitCode: number
      outcome: string
      permalink: string
      files: { path: string; sha256: string; bytes: number; mode: string; status: string }[]
      findings: { code: string; severity: string; message: string; source: string }[]
    }
    expect(report).toMatchObject({
      exitCode: 0,
      outcome: 'written',
      tool: { name: PKG.name, version: PKG.version },
    })
    const header = readFileSync(join(out, 'setup/aws-cli.sh'), 'utf8').split('\n')[2]
    expect(header).toBe(`# Configuration: ${report.permalink}`)
    expect(report.permalink).not.toContain('utm_source')
    expect(report.files.map((f) => f.path).sort()).toEqual(Object.keys(readAll(out)))
    for (const file of report.files) {
      const bytes = readFileSync(join(out, file.path))
      expect(file).toEqual({
        path: file.path,
        sha256: sha256(bytes),
        bytes: bytes.length,
        mode: file.path.endsWith('.sh') ? '0755' : '0644',
        status: 'written',
      })
    }
    expect(report.findings.length).toBeGreaterThan(0)
    for (const finding of report.findings) {
      expect(finding.code).toMatch(/^finding\.[\w.]+$/)
      expect(['error', 'warning', 'info']).toContain(finding.severity)
      expect(finding.message).toMatch(/^[A-Z0-9]/)
      expect(run.stderr).toContain(`[${finding.code}]`)
    }
    // Without --out: the same document, nothing written.
    const inMemory = JSON.parse(cli(['render', WINDOWS_LINK, '--json']).stdout) as typeof report
    expect(inMemory.outcome).toBe('rendered')
    expect(inMemory.files.map(({ path, sha256 }) => ({ path, sha256 }))).toEqual(
      report.files.map(({ path, sha256 }) => ({ path, sha256 })),
    )
  })

  it('exits 1 when the findings hold errors: nothing written unless --allow-errors', () => {
    const out = temp()
    const run = cli(['render', ERROR_LINK, '--out', out])
    expect(run.code).toBe(EXIT.findings)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^error: networkMode: .*Windows Server 2016.*\[finding\.[\w.]+\]$/m)
    expect(lines(run.stderr).at(-1)).toBe(
      'ecs-task-role-wizard: 1 finding at error level (--fail-on error): nothing was written (--allow-errors writes anyway)',
    )
    expect(listFiles(out)).toEqual([])
    const anyway = cli(['render', ERROR_LINK, '--out', out, '--allow-errors'])
    expect(anyway.code).toBe(EXIT.findings)
    expect(listFiles(out).length).toBeGreaterThan(5)

    // Warnings fail the run only when asked; info never does.
    expect(cli(['render', WINDOWS_LINK, '--out', temp(), '--fail-on', 'warning']).code).toBe(EXIT.findings)
    expect(cli(['render', LINUX_LINK, '--out', temp(), '--fail-on', 'warning']).code).toBe(EXIT.ok)
  })

  it('exits 2 listing every field when the input cannot be used, writing nothing', () => {
    const out = temp()
    const run = cli(['render', "#/?v=1&clusterName=a'b&accountId=12&colour=red", '--out', out])
    expect(run.code).toBe(EXIT.input)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^ {2}clusterName: Cluster name: "'" is not allowed.*\[field\.[\w.]+\]$/m)
    expect(run.stderr).toMatch(/^ {2}accountId: Account ID: Exactly 12 digits/m)
    expect(run.stderr).toMatch(/^ {2}colour: Unknown setting "colour".* \[field\.issue\.unknownSetting\]$/m)
    expect(listFiles(out)).toEqual([])
    const report = JSON.parse(cli(['render', '#/?v=1&colour=red', '--json']).stdout) as {
      inputIssues: unknown
    }
    expect(report).toMatchObject({
      exitCode: EXIT.input,
      outcome: 'input',
      inputIssues: [{ field: 'colour', code: 'field.issue.unknownSetting' }],
    })

    const dir = temp()
    writeFileSync(join(dir, 'broken.json'), '{ "os": ')
    const broken = cli(['render', 'broken.json', '--out', out], { cwd: dir })
    expect(broken.code).toBe(EXIT.input)
    expect(broken.stderr).toMatch(/^ {2}Not valid JSON: .* \[cli\.input\.notJson\]$/m)
  })

  it('exits 2 naming each key a JSON config gives twice', () => {
    const dir = temp()
    writeFileSync(
      join(dir, 'twice.json'),
      '{\n  "version": 1,\n  "os": "linux",\n  "buckets": [{ "name": "a", "name": "b" }],\n  "os": "windows"\n}\n',
    )
    const run = cli(['render', 'twice.json', '--out', 'out'], { cwd: dir })
    expect(run.code).toBe(EXIT.input)
    expect(lines(run.stderr)).toEqual([
      'ecs-task-role-wizard: twice.json cannot be used:',
      '  buckets.0.name: "name" appears twice in the same object (line 4, column 30; first at line 4, column 17); JSON readers disagree on which one counts. [cli.input.duplicateKey]',
      '  os: "os" appears twice in the same object (line 5, column 3; first at line 3, column 3); JSON readers disagree on which one counts. [cli.input.duplicateKey]',
    ])
    expect(readdirSync(dir)).toEqual(['twice.json'])
  })

  it('exits 4 with one line, never a stack trace, on I/O and usage errors', () => {
    const dir = temp()
    writeFileSync(join(dir, 'a-file'), 'not a folder')
    mkdirSync(join(dir, 'a-folder'))
    const cases: [string[], RegExp][] = [
      [[], /give a command: render/],
      [['publish'], /unknown command publish/],
      [['render'], /render needs an input/],
      [['render', LINUX_LINK], /give --out <dir> to write the files, --check <dir> to compare, or --json/],
      [['render', LINUX_LINK, '--out', 'a', '--check', 'b'], /give --out or --check, not both/],
      [['render', LINUX_LINK, '--json', '--frobnicate'], /unknown option --frobnicate/],
      [['render', LINUX_LINK, '--json', '--fail-on', 'info'], /--fail-on takes error or warning, not info/],
      [
        ['render', LINUX_LINK, '--json', '--base-url', 'ftp://example.com/'],
        /--base-url must be an http or https address/,
      ],
      [['render', LINUX_LINK, '--check', 'a', '--allow-errors'], /--allow-errors only applies with --out/],
      [
        ['render', 'missing.json', '--out', 'out'],
        /cannot read missing\.json: no such file or directory \(ENOENT\)/,
      ],
      [['render', 'a-folder', '--out', 'out'], /cannot read a-folder: it is a directory/],
      [['render', LINUX_LINK, '--check', 'nowhere'], /cannot check nowhere: no such file or directory/],
      [['render', LINUX_LINK, '--check', 'a-file'], /--check a-file is not a directory/],
    ]
    for (const [args, message] of cases) {
      const run = cli(args, { cwd: dir })
      expect(run.code, args.join(' ')).toBe(EXIT.io)
      // With --json the error is in the document too.
      if (args.includes('--json'))
        expect(JSON.parse(run.stdout), args.join(' ')).toMatchObject({ exitCode: EXIT.io, outcome: 'error' })
      else expect(run.stdout, args.join(' ')).toBe('')
      expect(lines(run.stderr), args.join(' ')).toHaveLength(1)
      expect(run.stderr).toMatch(new RegExp(`^ecs-task-role-wizard: ${message.source}`))
    }
    const atFile = cli(['render', LINUX_LINK, '--out', 'a-file'], { cwd: dir })
    expect(atFile).toEqual({
      code: EXIT.io,
      stdout: '',
      stderr: 'ecs-task-role-wizard: --out a-file is not a directory (nothing was written)\n',
    })
    expect(readFileSync(join(dir, 'a-file'), 'utf8')).toBe('not a folder')
    expect(JSON.parse(cli(['render', 'missing.json', '--json'], { cwd: dir }).stdout)).toMatchObject({
      exitCode: EXIT.io,
      outcome: 'error',
      error: expect.stringMatching(/^cannot read missing\.json/) as string,
    })
  })

  it('escapes control and bidi characters in everything it prints', () => {
    // Any control character but a line break, any bidi control.
    const raw = /(?!\n)[\p{Cc}\u202a-\u202e\u2066-\u2069]/u
    // A file name from the command line.
    const name = 'x\u001b]0;pwned\u0007\u202e.json'
    const missing = cli(['render', name, '--out', 'out'])
    expect(missing.stderr).not.toMatch(raw)
    expect(missing.stderr).toContain('cannot read x\\u001B]0;pwned\\u0007\\u202E.json')

    // A key given twice, named in the message and in the JSON document.
    const dir = temp()
    writeFileSync(join(dir, 'c.json'), '{"version": 1, "\u202eos": "linux", "\u202eos": "linux"}')
    const twice = cli(['render', 'c.json', '--json'], { cwd: dir })
    expect(twice.code).toBe(EXIT.input)
    expect(twice.stderr + twice.stdout).not.toMatch(raw)
    expect(twice.stderr).toContain('\\u202Eos: "\\u202Eos" appears twice')
    expect(twice.stdout).toContain('\\u202eos')
    const report = JSON.parse(twice.stdout) as { inputIssues: { field: string }[] }
    expect(report.inputIssues[0]!.field).toBe('\u202eos')

    // File names and contents found in the checked folder.
    const out = temp()
    expect(cli(['render', LINUX_LINK, '--out', out]).code).toBe(0)
    writeFileSync(join(out, 'evil\u001b[2J\u202e.txt'), '')
    writeFileSync(join(out, 'ec2/ecs.config'), '\u001b]0;pwned\u0007\u2067hidden\n', { flag: 'a' })
    const check = cli(['render', LINUX_LINK, '--check', out])
    expect(check.code).toBe(EXIT.drift)
    expect(check.stdout + check.stderr).not.toMatch(raw)
    expect(check.stdout).toContain(`extra: ${out}/evil\\u001B[2J\\u202E.txt`)
    expect(check.stdout).toMatch(/^-\\u001B\]0;pwned\\u0007\\u2067hidden$/m)
    const checkJson = cli(['render', LINUX_LINK, '--check', out, '--json'])
    expect(checkJson.stdout).not.toMatch(raw)
    expect((JSON.parse(checkJson.stdout) as { check: { extra: string[] } }).check.extra).toEqual([
      'evil\u001b[2J\u202e.txt',
    ])
  })

  it('prints its findings in formatted English, with NODE_ENV=production or not', () => {
    const envs: Record<string, string>[] = [{}, { NODE_ENV: 'production' }, { NODE_ENV: 'development' }]
    for (const env of envs) {
      const run = cli(['render', '#/?v=1&networkMode=awsvpc', '--json'], { env })
      expect(run.code, JSON.stringify(env)).toBe(0)
      expect(run.stderr).toContain("uses the default VPC's default subnets and its default security group")
      expect(run.stderr + run.stdout).not.toMatch(/\{securityGroups|plural,|Uncompiled message/)
    }
  })
})
