import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodePermalink, encodePermalink, MAX_PERMALINK_LENGTH, permalinkUrl } from './permalink.ts'
import { migrateEntries } from './migrate.ts'
import { english } from '../i18n/english.ts'
import { DEFAULT_CONFIG, readConfig, withAmi, withOs, type WizardConfig } from './schema.ts'

const withChanges = (changes: Partial<WizardConfig>): WizardConfig => ({
  ...structuredClone(DEFAULT_CONFIG),
  ...changes,
})

describe('encodePermalink', () => {
  it('holds only the version for the default config', () => {
    expect(encodePermalink(DEFAULT_CONFIG)).toBe('#/?v=1')
  })

  it('writes common fields readably, under their config names, and only when changed', () => {
    // Changed relative to the chosen OS's defaults: the Windows Server 2022 AMI and its image are Windows's own.
    const windows = withOs(DEFAULT_CONFIG, 'windows')
    expect(encodePermalink({ ...windows, networkMode: 'awsvpc', clusterName: 'prod' })).toBe(
      '#/?v=1&os=windows&networkMode=awsvpc&clusterName=prod',
    )
    // Another AMI brings its own default image, so the link names the AMI only.
    expect(encodePermalink(withAmi(windows, 'windows-2019'))).toBe('#/?v=1&os=windows&ami=windows-2019')
    // A Linux image on Windows is not a default, so the link keeps it.
    expect(encodePermalink({ ...windows, task: DEFAULT_CONFIG.task })).toBe(
      '#/?v=1&os=windows&task.image=public.ecr.aws%2Fdocker%2Flibrary%2Fnginx:latest',
    )
  })

  it('prefixes the site address when it is known, replacing any old fragment', () => {
    expect(
      permalinkUrl(withChanges({ clusterName: 'x' }), 'https://tools.example.org/ecs/#/?v=1&old=1'),
    ).toBe('https://tools.example.org/ecs/#/?v=1&clusterName=x')
  })

  it('writes an emptied list so that it stays empty', () => {
    const link = encodePermalink(withChanges({ buckets: [] }))
    expect(link).toBe('#/?v=1&buckets=')
    expect(decodePermalink(link).config.buckets).toEqual([])
  })
})

describe('decodePermalink round trips', () => {
  it('keeps numeric-looking strings as strings: account 012345678901, bucket 1e10', () => {
    const config = withChanges({
      accountId: '012345678901',
      buckets: [{ name: '1e10', access: 'write', prefix: '007/' }],
    })
    const { config: decoded, issues } = decodePermalink(`https://x.example/${encodePermalink(config)}`)
    expect(issues).toEqual([])
    expect(decoded.accountId).toBe('012345678901')
    expect(decoded.buckets[0]!.name).toBe('1e10')
    expect(decoded).toEqual(config)
  })

  it('restores optional values exactly, including ones equal to a default', () => {
    const config = withChanges({
      instanceProfileName: 'ecsInstanceRole',
      configObject: { bucket: 'my-ecs-config-bucket', key: 'ecs.config' },
      task: {
        ...DEFAULT_CONFIG.task,
        portMappings: [
          { containerPort: 80, hostPort: 0, protocol: 'tcp' },
          { containerPort: 53, protocol: 'udp' },
        ],
      },
    })
    const { config: decoded, issues } = decodePermalink(encodePermalink(config))
    expect(issues).toEqual([])
    expect(decoded).toEqual(config)
  })

  it('round-trips every valid config (property, 300 runs)', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/)
    const bucketName = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/)
    const arbitrary = fc.record({
      clusterName: name,
      taskRoleName: name,
      accountId: fc.stringMatching(/^\d{12}$/),
      blockInstanceMetadata: fc.boolean(),
      buckets: fc.array(
        fc.record({
          name: bucketName,
          access: fc.constantFrom('read', 'write', 'read-write' as const),
          prefix: fc.option(fc.stringMatching(/^[a-z0-9 '()!]{1,10}\/$/), { nil: undefined }),
        }),
        { maxLength: 4 },
      ),
    })
    fc.assert(
      fc.property(arbitrary, (changes) => {
        const buckets = changes.buckets.map(({ prefix, ...rest }) =>
          prefix === undefined || prefix.trim() !== prefix ? rest : { ...rest, prefix },
        )
        const config = withChanges({ ...changes, buckets })
        if (readConfig(config).issues.length > 0) return
        const decoded = decodePermalink(encodePermalink(config))
        expect(decoded.issues).toEqual([])
        expect(decoded.config).toEqual(config)
      }),
      { numRuns: 300 },
    )
  })
})

describe('decodePermalink on bad links: a notice, defaults for the rest, never an exception', () => {
  const cases: [string, string, RegExp][] = [
    [
      'a newer format',
      '#/?v=2&os=windows',
      /newer version of this tool \(format 2; this one reads up to 1\)\. Ignored: os\./,
    ],
    ['a version that is not a number', '#/?v=abc&os=windows', /not a number; ignored: os/],
    ['a version never written', '#/?v=0&os=windows', /format 0 is not one this tool has ever written/],
    [
      'a newer format with many keys',
      '#/?v=3&a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10',
      /Ignored: a, b, c, d, e, f, g, h and 2 more\./,
    ],
    ['a bad version alone', '#/?v=x', /not a number; ignored: nothing else\./],
    ['no version', '#/?os=windows&ami=windows-2022', /no format version/],
    ['an unknown key', '#/?v=1&colour=blue', /Unknown setting "colour"/],
    ['__proto__', '#/?v=1&__proto__.polluted=1', /Unknown setting "__proto__"/],
    ['constructor.prototype', '#/?v=1&constructor.prototype.x=1', /Unknown setting "constructor"/],
    ['an invalid enum', '#/?v=1&os=beos', /Operating system must be one of: linux, windows/],
    ['a bad name', '#/?v=1&clusterName=a%20b', /Cluster name: A space is not allowed/],
    ['a non-number', '#/?v=1&task.memory=lots', /must be a whole number/],
    ['a number in exponent form', '#/?v=1&task.memory=1e3', /must be a whole number/],
    ['an out-of-range port', '#/?v=1&task.portMappings.0.containerPort=70000', /from 1 to 65535/],
    ['a huge list index', '#/?v=1&buckets.99999.name=abc', /not a position in Buckets/],
    ['a leaf and a branch on one key', '#/?v=1&task=x&task.family=y', /conflicts/],
    ['a repeated key', '#/?v=1&clusterName=a&clusterName=b', /more than once/],
    ['a wrong path', '#/settings?v=1', /a page this tool does not have; its settings were read/],
    ['broken percent escapes', '#/?v=1&clusterName=%E0%A4%A', /Cluster name/],
    ['an AMI of the other OS', '#/?v=1&os=windows&ami=al2023', /not a Windows AMI/],
    ['an empty key', '#/?v=1&=x', /conflicts|Unknown/],
    ['a fragment without a route', '#v=1&os=windows', /a page this tool does not have/],
  ]
  it.each(cases)('%s', (_what, link, message) => {
    const { config, issues } = decodePermalink(link)
    expect(issues.map((i) => english.t(i.message)).join('\n')).toMatch(message)
    expect(readConfig(config).issues).toEqual([]) // what loads is always a valid config
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('keeps the valid values next to the ignored ones', () => {
    const { config, issues } = decodePermalink('#/?v=1&clusterName=prod&os=beos&region=eu-west-1')
    expect(config.clusterName).toBe('prod')
    expect(config.region).toBe('eu-west-1')
    expect(config.os).toBe('linux')
    expect(issues).toHaveLength(1)
    expect(issues[0]!.field).toBe('os')
  })

  it('ignores a 100 KB link whole, saying how long it was', () => {
    const { config, issues } = decodePermalink(`#/?v=1&clusterName=${'a'.repeat(100_000)}`)
    expect(config).toEqual(DEFAULT_CONFIG)
    expect(english.t(issues[0]!.message)).toBe(
      `The link is 100,019 characters long (at most ${MAX_PERMALINK_LENGTH.toLocaleString('en-US')}); all of it was ignored.`,
    )
  })

  it('never throws on arbitrary text (property, 1000 runs)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const { config } = decodePermalink(`#/?v=1&${text}`)
        expect(readConfig(config).issues).toEqual([])
      }),
      { numRuns: 1000 },
    )
  })

  it('does not echo control characters from the link into its notices', () => {
    const { issues } = decodePermalink('#/?v=1&%1B%5B31mred=1')
    expect(english.t(issues[0]!.message)).toBe('Unknown setting "?[31mred" was ignored.')
  })
})

describe('migrateEntries', () => {
  it('runs each step from the link’s version to the current one', () => {
    const migrations = {
      1: (entries: [string, string][]) =>
        entries.map(([k, v]): [string, string] => [k === 'cluster' ? 'clusterName' : k, v]),
      2: (entries: [string, string][]) => [...entries, ['added', 'yes'] as [string, string]],
    }
    expect(migrateEntries(1, [['cluster', 'prod']], migrations, 3)).toEqual({
      ok: true,
      entries: [
        ['clusterName', 'prod'],
        ['added', 'yes'],
      ],
    })
    expect(migrateEntries(3, [['x', 'y']], migrations, 3)).toEqual({ ok: true, entries: [['x', 'y']] })
  })

  it('refuses versions it cannot migrate', () => {
    expect(migrateEntries(4, [], {}, 3)).toEqual({ ok: false, reason: 'newer' })
    expect(migrateEntries(1, [], {}, 3)).toEqual({ ok: false, reason: 'unwritten' })
  })
})
