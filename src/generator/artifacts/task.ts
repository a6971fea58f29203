// The task definition and the RunTask override: the plan's RegisterTaskDefinition input and TaskOverride.
import { defaultImage } from '../../knowledge/images.ts'
import { cite, formatCitation } from '../../knowledge/sources.ts'
import { msg, type Message } from '../../i18n/message.ts'
import { renderJson } from '../render/json.ts'
import { option, sh } from '../render/shell.ts'
import { sourcesFor, type ArtifactBody } from '../artifact.ts'
import type { Context } from '../context.ts'

/** Windows images are tied to the host's Windows Server release (Microsoft: version compatibility). */
const imageNote = (ctx: Context): [string, Message, string] => [
  '"image"',
  msg('file.taskDefinition.note.windowsImage', { image: defaultImage(ctx.config.ami) }),
  formatCitation(cite('WINDOWS_CONTAINER_VERSIONS', 'IIS_IMAGE_TAGS')),
]

export function taskDefinition(ctx: Context): ArtifactBody {
  const text = renderJson(ctx.plan.taskDefinition)
  const sources = sourcesFor(text, [
    ['"taskRoleArn"', msg('file.taskDefinition.note.taskRoleArn'), formatCitation(cite('S2', 'S31'))],
    ['"networkMode"', msg('file.taskDefinition.note.networkMode'), formatCitation(cite('S31'))],
    ['"memory"', msg('file.taskDefinition.note.memory'), formatCitation(cite('S31'))],
    ...(ctx.plan.host.os === 'linux' ? [] : [imageNote(ctx)]),
  ])
  return {
    title: msg('file.taskDefinition.title'),
    usage: msg('file.taskDefinition.usage', {
      command: 'aws ecs register-task-definition --cli-input-json file://ecs/task-definition.json',
      script: 'setup/aws-cli.sh',
      networkMode: ctx.config.networkMode,
    }),
    check:
      sh`aws ecs describe-task-definition ${option('--task-definition', ctx.plan.runTask.taskDefinition)} --query taskDefinition.taskRoleArn ${option('--region', ctx.plan.region)}`
        .text,
    text,
    sources,
  }
}

export function runTaskOverrides(ctx: Context): ArtifactBody {
  return {
    title: msg('file.runTaskOverrides.title'),
    usage: msg('file.runTaskOverrides.usage', {
      command: 'aws ecs run-task --overrides file://ecs/run-task-overrides.json',
    }),
    text: renderJson(ctx.plan.runTask.overrides),
    sources: [
      {
        line: 2,
        note: msg('file.runTaskOverrides.note.taskRoleArn'),
        source: formatCitation(cite('S2', 'S31')),
      },
    ],
  }
}
