import { beforeEach, describe, expect, it } from 'vitest'
import { moveListDrafts } from './list-drafts.ts'
import { useDraftStore } from './ui-store.ts'

const draft = (text: string) => ({ text, value: text })

describe('moveListDrafts', () => {
  beforeEach(() =>
    useDraftStore.setState({
      drafts: {
        'task.secrets.0.name': draft('0bad'),
        'task.secrets.2.valueFrom': draft('arn:nope'),
        'task.portMappings.1.containerPort': draft('x'),
        clusterName: draft('bad name'),
      },
    }),
  )

  it('a removed entry takes its drafts; the ones after it move up; other lists stay', () => {
    const taken = moveListDrafts('task.secrets', 0, 'remove')
    expect(taken).toEqual({ 'task.secrets.0.name': draft('0bad') })
    expect(useDraftStore.getState().drafts).toEqual({
      'task.secrets.1.valueFrom': draft('arn:nope'),
      'task.portMappings.1.containerPort': draft('x'),
      clusterName: draft('bad name'),
    })
  })

  it('an entry put back brings its drafts, and moves the later ones down again', () => {
    const taken = moveListDrafts('task.secrets', 0, 'remove')
    moveListDrafts('task.secrets', 0, 'insert', taken)
    expect(useDraftStore.getState().drafts).toEqual({
      'task.secrets.0.name': draft('0bad'),
      'task.secrets.2.valueFrom': draft('arn:nope'),
      'task.portMappings.1.containerPort': draft('x'),
      clusterName: draft('bad name'),
    })
  })
})
