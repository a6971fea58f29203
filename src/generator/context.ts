// Everything the artifact builders and finding rules derive from a valid config, computed once.
import { instanceProfileName, type WizardConfig } from '../config/schema.ts'
import { amiInfo, type AmiInfo, type LinuxAmiId } from '../knowledge/amis.ts'
import { partitionOfRegion, type Partition } from '../knowledge/partitions.ts'

export interface Context {
  config: WizardConfig
  partition: Partition
  ami: AmiInfo
  /** The permalink that reproduces this config: full URL when the site's address is known. */
  permalink: string
  arns: {
    taskRole: string
    instanceRole: string
    instanceProfile: string
    cluster: string
  }
  instanceProfileName: string
  isLinux: boolean
  /** Linux AMI id, when Linux. */
  linuxAmi?: LinuxAmiId
  /** The agent is started by hand, so this tool owns the credential-proxy rules. */
  manualAgent: boolean
  /** Bridge containers get the IMDS DROP rule in DOCKER-USER. */
  blocksImdsWithIptables: boolean
  /** Whether a host/iptables.sh is needed at all. */
  needsHostRules: boolean
}

export function buildContext(config: WizardConfig, permalink: string): Context {
  const partition = partitionOfRegion(config.region)
  if (!partition) throw new Error('buildContext needs a validated config')
  const p = partition.id
  const ami = amiInfo(config.ami)
  const isLinux = config.os === 'linux'
  const manualAgent = ami.launcher === 'docker-run'
  const blocksImdsWithIptables = isLinux && config.networkMode === 'bridge' && config.blockInstanceMetadata
  const profile = instanceProfileName(config)
  return {
    config,
    partition,
    ami,
    permalink,
    arns: {
      taskRole: `arn:${p}:iam::${config.accountId}:role/${config.taskRoleName}`,
      instanceRole: `arn:${p}:iam::${config.accountId}:role/${config.instanceRoleName}`,
      instanceProfile: `arn:${p}:iam::${config.accountId}:instance-profile/${profile}`,
      cluster: `arn:${p}:ecs:${config.region}:${config.accountId}:cluster/${config.clusterName}`,
    },
    instanceProfileName: profile,
    isLinux,
    linuxAmi: isLinux ? (config.ami as LinuxAmiId) : undefined,
    manualAgent,
    blocksImdsWithIptables,
    needsHostRules: blocksImdsWithIptables || manualAgent,
  }
}
