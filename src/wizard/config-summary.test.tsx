import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { readConfig, withAmi, withLaunchType, withOs } from '../config/schema.ts'
import { english } from '../i18n/english.ts'
import { spanish } from '../i18n/spanish.ts'
import { useLocaleStore } from '../ui/i18n.tsx'
import { ConfigSummary, summaryRows, weakenings } from './config-summary.tsx'

// Server rendering reads the store's initial state: the page's English, which holds only the first
// render's words until the rest arrive. Here they have arrived.
useLocaleStore.getInitialState().translator.add(english.i18n.messages)

const fields = (raw: unknown) => weakenings(readConfig(raw).config).map((w) => w.field)

describe('weakenings', () => {
  it('finds none in the defaults, on Linux or Windows with any AMI', () => {
    expect(fields({})).toEqual([])
    const windows = withAmi(withOs(readConfig({}).config, 'windows'), 'windows-2019')
    expect(weakenings(windows)).toEqual([])
  })

  it('names every value that is weaker than the safe defaults, at its field', () => {
    expect(
      fields({
        blockInstanceMetadata: false,
        sourceConditions: false,
        buckets: [
          { name: 'reads', access: 'read' },
          { name: 'writes', access: 'write', prefix: 'out/' },
        ],
        extraStatements: '[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]',
        task: { ...readConfig({}).config.task, image: 'example.com/mine:1' },
        configObject: { bucket: 'cfg', key: 'ecs.config' },
      }),
    ).toEqual([
      'blockInstanceMetadata',
      'sourceConditions',
      'buckets.1.access',
      'extraStatements',
      'task.image',
      'configObject',
    ])
  })

  it('says that host mode leaves instance metadata reachable even with the block on', () => {
    expect(fields({ networkMode: 'host' })).toEqual(['networkMode'])
  })

  it('on Fargate, says nothing about instance metadata: a task has none to reach', () => {
    expect(fields({ launchType: 'fargate', blockInstanceMetadata: false })).toEqual([])
    expect(fields({ launchType: 'fargate', blockInstanceMetadata: false, sourceConditions: false })).toEqual([
      'sourceConditions',
    ])
  })
})

describe('the summary in words', () => {
  const config = readConfig({
    buckets: [
      { name: 'whole', access: 'write' },
      { name: 'scoped', access: 'read-write', prefix: 'out/' },
    ],
    region: 'eu-west-1',
  }).config

  it('says what each weakening gives away, with the values of this configuration', () => {
    expect(weakenings(config).map((w) => english.t(w.message))).toEqual([
      'Write access to S3: write on whole, the whole bucket.',
      'Write access to S3: read-write on scoped, prefix out/.',
    ])
  })

  it('reads as one line per setting, in English and in Spanish', () => {
    const html = renderToStaticMarkup(<ConfigSummary config={config} />)
    expect(html).toContain('<dt>Access</dt><dd>whole (write) and scoped/out/ (read-write)</dd>')
    expect(html).toContain(
      '<dt>Where</dt><dd>cluster my-cluster, account 111122223333, eu-west-1 (aws partition)</dd>',
    )
    const rows = summaryRows(config).map(([term, value]) => `${spanish.t(term)}: ${spanish.t(value)}`)
    expect(rows).toContain('Acceso: whole (write) y scoped/out/ (read-write)')
    expect(rows).toContain('Dónde: clúster my-cluster, cuenta 111122223333, eu-west-1 (partición aws)')
    expect(rows).toContain('Red: modo bridge; metadatos de instancia bloqueados desde los contenedores')
    expect(rows).toContain('Roles: rol de tarea ecsTaskRole y rol de instancia ecsInstanceRole')
  })

  it('a Fargate setup: its size, no instance metadata, and only the roles it has', () => {
    const windows = withLaunchType(withOs(readConfig({}).config, 'windows'), 'fargate')
    const fargate = readConfig({
      ...windows,
      ami: 'windows-2019',
      existingTaskRole: true,
      taskRoleName: 'arn:aws:iam::111122223333:role/app/web',
    }).config
    const rows = summaryRows(fargate).map(([term, value]) => `${english.t(term)}: ${english.t(value)}`)
    expect(rows).toContain('Platform: Fargate, Windows Server 2019: 1024 CPU units, 2048 MiB')
    expect(rows).toContain('Network: awsvpc mode; no instance metadata to reach (Fargate)')
    expect(rows).toContain(
      'Roles: task role arn:aws:iam::111122223333:role/app/web (existing) and execution role ecsTaskExecutionRole',
    )
  })
})
