// The task definition and the RunTask override.
import type {
  ContainerDefinition,
  RegisterTaskDefinitionCommandInput,
  TaskOverride,
} from '@aws-sdk/client-ecs'
import { defaultImage } from '../../knowledge/images.ts'
import { cite, formatCitation } from '../../knowledge/sources.ts'
import { msg, type Message } from '../../i18n/message.ts'
import { renderJson } from '../render/json.ts'
import { option, sh } from '../render/shell.ts'
import { perContext, sourcesFor, type ArtifactBody } from '../artifact.ts'
import type { Context } from '../context.ts'

/** The RegisterTaskDefinition input; typed by the AWS SDK so a wrong field or enum fails to compile. */
export function taskDefinitionInput(ctx: Context): RegisterTaskDefinitionCommandInput {
  const { config, arns } = ctx
  const { task } = config
  const container: ContainerDefinition = {
    name: task.containerName,
    image: task.image,
    essential: true,
    memory: task.memory,
  }
  if (task.portMappings.length > 0)
    container.portMappings = task.portMappings.map((m) => ({
      containerPort: m.containerPort,
      ...(m.hostPort === undefined ? {} : { hostPort: m.hostPort }),
      protocol: m.protocol ?? 'tcp',
    }))
  return {
    family: task.family,
    taskRoleArn: arns.taskRole,
    // Windows default (NAT) mode has no API value: it is selected by leaving networkMode out.
    ...(config.networkMode === 'default' ? {} : { networkMode: config.networkMode }),
    requiresCompatibilities: ['EC2'],
    containerDefinitions: [container],
  }
}

/** Windows images are tied to the host's Windows Server release (Microsoft: version compatibility). */
const imageNote = (ctx: Context): [string, Message, string] => [
  '"image"',
  msg('file.taskDefinition.note.windowsImage', { image: defaultImage(ctx.config.ami) }),
  formatCitation(cite('WINDOWS_CONTAINER_VERSIONS', 'IIS_IMAGE_TAGS')),
]

function buildTaskDefinition(ctx: Context): ArtifactBody {
  const text = renderJson(taskDefinitionInput(ctx))
  const sources = sourcesFor(text, [
    ['"taskRoleArn"', msg('file.taskDefinition.note.taskRoleArn'), formatCitation(cite('S2', 'S31'))],
    ['"networkMode"', msg('file.taskDefinition.note.networkMode'), formatCitation(cite('S31'))],
    ['"memory"', msg('file.taskDefinition.note.memory'), formatCitation(cite('S31'))],
    ...(ctx.isLinux ? [] : [imageNote(ctx)]),
  ])
  return {
    title: msg('file.taskDefinition.title'),
    usage: msg('file.taskDefinition.usage', {
      command: 'aws ecs register-task-definition --cli-input-json file://ecs/task-definition.json',
      script: 'setup/aws-cli.sh',
      networkMode: ctx.config.networkMode,
    }),
    check:
      sh`aws ecs describe-task-definition ${option('--task-definition', ctx.config.task.family)} --query taskDefinition.taskRoleArn ${option('--region', ctx.config.region)}`
        .text,
    text,
    sources,
  }
}

function buildRunTaskOverrides(ctx: Context): ArtifactBody {
  const override: TaskOverride = { taskRoleArn: ctx.arns.taskRole }
  return {
    title: msg('file.runTaskOverrides.title'),
    usage: msg('file.runTaskOverrides.usage', {
      command: 'aws ecs run-task --overrides file://ecs/run-task-overrides.json',
    }),
    text: renderJson(override),
    sources: [
      {
        line: 2,
        note: msg('file.runTaskOverrides.note.taskRoleArn'),
        source: formatCitation(cite('S2', 'S31')),
      },
    ],
  }
}

// Built once per generate() call: more than one file holds the same text.
export const taskDefinition = perContext(buildTaskDefinition)
export const runTaskOverrides = perContext(buildRunTaskOverrides)
