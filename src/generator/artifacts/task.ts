// The task definition, the RunTask override and the service: the plan's RegisterTaskDefinition input,
// TaskOverride and CreateService input.
import type { CreateServiceCommandInput } from '@aws-sdk/client-ecs'
import { defaultImage } from '../../knowledge/images.ts'
import { cite, formatCitation } from '../../knowledge/sources.ts'
import { msg, type Message } from '../../i18n/message.ts'
import { renderJson } from '../render/json.ts'
import { option, sh } from '../render/shell.ts'
import { sourcesFor, type ArtifactBody } from '../artifact.ts'
import type { Context } from '../context.ts'
import type { SetupPlan } from '../plan.ts'

/** Windows images are tied to the host's Windows Server release (Microsoft: version compatibility). */
const imageNote = (ctx: Context): [string, Message, string] => [
  '"image"',
  msg('file.taskDefinition.note.windowsImage', { image: defaultImage(ctx.config.ami) }),
  formatCitation(cite('WINDOWS_CONTAINER_VERSIONS', 'IIS_IMAGE_TAGS')),
]

export function taskDefinition(ctx: Context): ArtifactBody {
  const { plan } = ctx
  const text = renderJson(plan.taskDefinition)
  const fargate = plan.launchType === 'FARGATE'
  const sources = sourcesFor(text, [
    ['"taskRoleArn"', msg('file.taskDefinition.note.taskRoleArn'), formatCitation(cite('S2', 'S31'))],
    [
      '"executionRoleArn"',
      msg('file.taskDefinition.note.executionRoleArn', {
        pull: plan.executionRole?.needs.privateEcr ? 'yes' : 'no',
        logs: plan.executionRole?.needs.logs ? 'yes' : 'no',
        secrets: plan.executionRole?.needs.secrets.length ?? 0,
      }),
      formatCitation(cite('TASK_EXECUTION_ROLE')),
    ],
    [
      '"networkMode"',
      msg(fargate ? 'file.taskDefinition.note.fargateNetworkMode' : 'file.taskDefinition.note.networkMode'),
      formatCitation(fargate ? cite('FARGATE_TASK_DEFINITIONS', 'S31') : cite('S31')),
    ],
    // Fargate sizes the task: cpu and memory are task-level values, the first "memory" line is the task's.
    ['"cpu"', msg('file.taskDefinition.note.fargateCpu'), formatCitation(cite('FARGATE_TASK_SIZE'))],
    fargate
      ? ['"memory"', msg('file.taskDefinition.note.fargateMemory'), formatCitation(cite('FARGATE_TASK_SIZE'))]
      : ['"memory"', msg('file.taskDefinition.note.memory'), formatCitation(cite('S31'))],
    [
      '"runtimePlatform"',
      msg('file.taskDefinition.note.runtimePlatform'),
      formatCitation(cite('FARGATE_WINDOWS', 'FARGATE_TASK_DEFINITIONS')),
    ],
    ...(plan.os === 'linux' ? [] : [imageNote(ctx)]),
    [
      '"secrets"',
      msg('file.taskDefinition.note.secrets'),
      formatCitation(cite('SECRETS_MANAGER_ENV', 'SSM_PARAMETER_ENV')),
    ],
    [
      '"logConfiguration"',
      msg('file.taskDefinition.note.logConfiguration', { logGroup: plan.logGroup?.name ?? '' }),
      formatCitation(cite('AWSLOGS_DRIVER')),
    ],
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

/** The CreateService input: the network configuration only when subnets were chosen (see serviceDefinition). */
export function serviceInputOf(plan: SetupPlan): CreateServiceCommandInput {
  const service = plan.service
  if (!service) throw new Error('a service file was built for a plan without a service')
  return {
    serviceName: service.name,
    cluster: service.cluster,
    // The family alone: its latest ACTIVE revision, the one setup/aws-cli.sh registered last.
    taskDefinition: service.taskDefinition,
    desiredCount: service.desiredCount,
    launchType: service.launchType,
    ...(service.network?.kind === 'chosen'
      ? { networkConfiguration: { awsvpcConfiguration: service.network.awsvpcConfiguration } }
      : {}),
  }
}

/**
 * ecs/service.json, for "aws ecs create-service --cli-input-json". Without chosen subnets the network
 * configuration is found when the service is created (the default VPC), so it cannot be in the file: the file
 * leaves it out and says so, and setup/aws-cli.sh adds the one it looks up with --network-configuration (which
 * the CLI merges over the JSON input).
 */
export function serviceDefinition(ctx: Context): ArtifactBody {
  const { plan } = ctx
  const input = serviceInputOf(plan)
  const service = plan.service!
  const text = renderJson(input)
  const assignPublicIp = input.networkConfiguration?.awsvpcConfiguration?.assignPublicIp
  return {
    title: msg('file.service.title'),
    usage: msg('file.service.usage', {
      command: 'aws ecs create-service --cli-input-json file://ecs/service.json',
      service: service.name,
      count: service.desiredCount,
      family: service.taskDefinition,
      cluster: service.cluster,
      scriptCommand: 'bash setup/aws-cli.sh create-service',
      script: 'setup/aws-cli.sh',
      network: service.network?.kind === 'default-vpc' ? 'defaultVpc' : 'other',
    }),
    check:
      sh`aws ecs describe-services ${option('--cluster', service.cluster)} ${option('--services', service.name)} --query ${'services[0].[status,runningCount,desiredCount]'} ${option('--region', plan.region)}`
        .text,
    text,
    sources: sourcesFor(text, [
      [
        '"taskDefinition"',
        msg('file.service.note.taskDefinition'),
        formatCitation(cite('S2', 'CREATE_SERVICE_API')),
      ],
      [
        '"awsvpcConfiguration"',
        msg('file.service.note.awsvpcConfiguration'),
        formatCitation(cite('CREATE_SERVICE_API', 'AWSVPC_CONFIGURATION')),
      ],
      ...(assignPublicIp
        ? [
            [
              '"assignPublicIp"',
              msg('file.service.note.assignPublicIp', { value: assignPublicIp }),
              formatCitation(cite('FARGATE_NETWORKING', 'AWSVPC_CONFIGURATION')),
            ] as [string, Message, string],
          ]
        : []),
    ]),
  }
}
