// The task definition and the RunTask override.
import type {
  ContainerDefinition,
  RegisterTaskDefinitionCommandInput,
  TaskOverride,
} from '@aws-sdk/client-ecs'
import { defaultImage } from '../../knowledge/images.ts'
import { cite, formatCitation } from '../../knowledge/sources.ts'
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
const imageNote = (ctx: Context): [string, string, string] => [
  '"image"',
  `Windows containers run with process isolation: the image must be built for the AMI's Windows Server release (${defaultImage(ctx.config.ami)} is).`,
  formatCitation(cite('WINDOWS_CONTAINER_VERSIONS', 'IIS_IMAGE_TAGS')),
]

function buildTaskDefinition(ctx: Context): ArtifactBody {
  const text = renderJson(taskDefinitionInput(ctx))
  const sources = sourcesFor(text, [
    [
      '"taskRoleArn"',
      'Every container of the task gets this role’s credentials.',
      formatCitation(cite('S2', 'S31')),
    ],
    ['"networkMode"', 'The API values are bridge, host, awsvpc and none.', formatCitation(cite('S31'))],
    ['"memory"', 'EC2 tasks need memory or memoryReservation per container.', formatCitation(cite('S31'))],
    ...(ctx.isLinux ? [] : [imageNote(ctx)]),
  ])
  return {
    title: 'Task definition',
    usage: `Register with "aws ecs register-task-definition --cli-input-json file://ecs/task-definition.json" (setup/aws-cli.sh does), or paste into the console's JSON editor.${ctx.config.networkMode === 'default' ? ' networkMode is left out on purpose: that selects the Windows default (NAT) mode.' : ''}`,
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
    title: 'RunTask override',
    usage:
      'For one-off tasks: "aws ecs run-task --overrides file://ecs/run-task-overrides.json" runs the task with this role. Services cannot take overrides; they use the task definition\'s role.',
    text: renderJson(override),
    sources: [
      {
        line: 2,
        note: 'Overrides the task role for this run only.',
        source: formatCitation(cite('S2', 'S31')),
      },
    ],
  }
}

// Built once per generate() call: more than one file holds the same text.
export const taskDefinition = perContext(buildTaskDefinition)
export const runTaskOverrides = perContext(buildRunTaskOverrides)
