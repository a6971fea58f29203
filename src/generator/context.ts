// Everything the artifact builders and finding rules derive from a valid config, computed once.
import type { WizardConfig } from '../config/schema.ts'
import { amiInfo, type AmiInfo } from '../knowledge/amis.ts'
import { partitionOfRegion, type Partition } from '../knowledge/partitions.ts'
import { plan, type SetupPlan } from './plan.ts'

export interface Context {
  config: WizardConfig
  partition: Partition
  ami: AmiInfo
  /** The permalink that reproduces this config: full URL when the site's address is known. */
  permalink: string
  /** The setup as data: every file renders it, none decides again which resources exist. */
  plan: SetupPlan
}

export function buildContext(config: WizardConfig, permalink: string): Context {
  const partition = partitionOfRegion(config.region)
  if (!partition) throw new Error('buildContext needs a validated config')
  return { config, partition, ami: amiInfo(config.ami), permalink, plan: plan(config) }
}
