// ec2/launch-template.json: the container instances' launch template data, as
// `aws ec2 create-launch-template --launch-template-data file://ec2/launch-template.json` takes it. The user
// data is the text of ec2/user-data.sh (or .ps1), Base64-encoded as the API requires for launch templates.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RequestLaunchTemplateData.html
import { cite, formatCitation } from '../../knowledge/sources.ts'
import { msg } from '../../i18n/message.ts'
import { renderJson } from '../render/json.ts'
import { option, sh } from '../render/shell.ts'
import { sourcesFor, type ArtifactBody } from '../artifact.ts'
import type { Context } from '../context.ts'
import { instancesOf, type LaunchTemplatePlan } from '../plan.ts'
import { instanceUserData } from './user-data.ts'

/**
 * The part of the EC2 API's RequestLaunchTemplateData this setup fills (@aws-sdk/client-ec2 is not a
 * dependency): the member names and value types of the API, so the AWS CLI's validation checks the same shape.
 */
export interface LaunchTemplateData {
  /** "resolve:ssm:<parameter>" or an AMI ID. */
  ImageId: string
  InstanceType: string
  IamInstanceProfile: { Name: string }
  SecurityGroupIds?: string[]
  MetadataOptions: {
    HttpTokens: 'required' | 'optional'
    HttpPutResponseHopLimit: number
    HttpEndpoint: 'enabled' | 'disabled'
  }
  /** Base64 of the user data text (the API takes it encoded for launch templates). */
  UserData: string
}

/**
 * Base64 of the UTF-8 bytes of `text`, with the platform's btoa (browsers and Node alike): btoa takes one
 * character per byte, so the UTF-8 bytes are spelled out as such characters first.
 */
export function base64Utf8(text: string): string {
  let bytes = ''
  for (const byte of new TextEncoder().encode(text)) bytes += String.fromCharCode(byte)
  return btoa(bytes)
}

/** EC2 takes at most 16 KB of user data, counted before Base64 (EC2 User Guide: instance user data). */
export const USER_DATA_MAX_BYTES = 16 * 1024

/** The size EC2 counts: the UTF-8 bytes of the user data text. */
export const userDataBytes = (text: string): number => new TextEncoder().encode(text).length

function launchTemplateOf(ctx: Context): LaunchTemplatePlan {
  const template = instancesOf(ctx.plan).launchTemplate
  if (!template) throw new Error('a launch template was built for a plan without one')
  return template
}

/** The launch template data of an EC2 plan with a launch template: the file, and setup/aws-cli.sh's copy. */
export function launchTemplateDataOf(ctx: Context): LaunchTemplateData {
  const template = launchTemplateOf(ctx)
  return {
    ImageId: template.imageId,
    InstanceType: template.instanceType,
    IamInstanceProfile: { Name: template.instanceProfileName },
    ...(template.securityGroupIds.length > 0 ? { SecurityGroupIds: [...template.securityGroupIds] } : {}),
    MetadataOptions: {
      HttpTokens: template.metadata.httpTokens,
      HttpPutResponseHopLimit: template.metadata.hopLimit,
      HttpEndpoint: 'enabled',
    },
    UserData: base64Utf8(instanceUserData(ctx).text),
  }
}

export function launchTemplateData(ctx: Context): ArtifactBody {
  const template = launchTemplateOf(ctx)
  const instances = instancesOf(ctx.plan)
  const userData = instanceUserData(ctx)
  const text = renderJson(launchTemplateDataOf(ctx))
  const amiSource = cite(
    'EC2_SSM_PARAMETER_AMI',
    instances.host.os === 'linux' ? 'ECS_AMI_SSM_LINUX' : 'ECS_AMI_SSM_WINDOWS',
  )
  return {
    title: msg('file.launchTemplate.title'),
    usage: msg('file.launchTemplate.usage', {
      name: template.name,
      command:
        sh`aws ec2 create-launch-template ${option('--launch-template-name', template.name)} --launch-template-data file://ec2/launch-template.json`
          .text,
      script: 'setup/aws-cli.sh',
      launchCommand: 'bash setup/aws-cli.sh launch-instances',
      count: template.count,
      userData: userData.path,
    }),
    check:
      sh`aws ec2 describe-launch-template-versions ${option('--launch-template-name', template.name)} --versions ${'$Latest'} --query ${'LaunchTemplateVersions[0].LaunchTemplateData.[ImageId,InstanceType,MetadataOptions]'} ${option('--region', ctx.plan.region)}`
        .text,
    text,
    sources: sourcesFor(text, [
      template.imageParameter
        ? [
            '"ImageId"',
            msg('file.launchTemplate.note.imageParameter', { parameter: template.imageParameter }),
            formatCitation(amiSource),
          ]
        : ['"ImageId"', msg('file.launchTemplate.note.imageId'), formatCitation(amiSource)],
      [
        '"IamInstanceProfile"',
        msg('file.launchTemplate.note.instanceProfile', {
          profile: instances.profile.name,
          role: instances.role.name,
        }),
        formatCitation(cite('S4', 'EC2_CREATE_LAUNCH_TEMPLATE')),
      ],
      [
        '"SecurityGroupIds"',
        msg('file.launchTemplate.note.securityGroups'),
        formatCitation(cite('EC2_CREATE_LAUNCH_TEMPLATE')),
      ],
      ['"HttpTokens"', msg('file.launchTemplate.note.httpTokens'), formatCitation(cite('EC2_IMDS_OPTIONS'))],
      [
        '"HttpPutResponseHopLimit"',
        msg('file.launchTemplate.note.hopLimit', { hopLimit: template.metadata.hopLimit }),
        formatCitation(cite('EC2_IMDS_OPTIONS')),
      ],
      [
        '"UserData"',
        msg('file.launchTemplate.note.userData', { path: userData.path }),
        formatCitation(cite('EC2_CREATE_LAUNCH_TEMPLATE')),
      ],
    ]),
  }
}
