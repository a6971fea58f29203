import { describe, expect, it } from 'vitest'
import { readConfig, withAmi, withOs } from '../config/schema.ts'
import { weakenings } from './config-summary.tsx'

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
})
