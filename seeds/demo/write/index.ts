import type { Knex } from 'knex';
import type { DemoPlan } from '../plan';
import { writeAmbassadors } from './ambassadors';
import { writeConsolidation } from './consolidation';
import { writeConsultation } from './consultations';
import { writeContributions } from './contributions';
import { writeFollowup } from './followup';
import { loggedWith } from './logged';
import { writeNeeds } from './needs';
import { writeStructures, writeUsers } from './people';
import { writeWhitepaper } from './whitepaper';
import { writeWorkshops } from './workshops';
import { writePrioritisation } from './prioritisation';

/**
 * Writes the plan, one owning module after the other in the order the foreign keys require; each
 * writer writes only its module's tables, through the functions of that module's index.ts.
 */
export async function writeDemo(trx: Knex.Transaction, plan: DemoPlan, passwordHash: string, log: (msg: string) => void): Promise<void> {
  const logged = loggedWith(log);
  await writeStructures(trx, plan, logged);
  await writeUsers(trx, plan, passwordHash, logged);
  await writeConsultation(trx, plan, logged);
  await writeAmbassadors(trx, plan, logged);
  await writeWorkshops(trx, plan, logged);
  await writeContributions(trx, plan, logged);
  await writeConsolidation(trx, plan, logged);
  await writeNeeds(trx, plan, logged);
  await writeWhitepaper(trx, plan, logged);
  await writeFollowup(trx, plan, logged);
  await writePrioritisation(trx, plan, logged);
}
