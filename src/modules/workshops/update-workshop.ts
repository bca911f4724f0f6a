import type { Knex } from 'knex';
import { NotFoundError, invalid, ok, type Result } from '../../shared/http/errors';
import { t } from '../../shared/i18n';
import { recordAudit } from '../audit';
import type { Actor } from '../../shared/actor';
import { checkWorkshopInput, workshopColumns } from './check-workshop-input';
import { findWorkshop, lockWorkshop, promoteFromWaitingList, setWorkshopThemes, themesOfWorkshops, updateWorkshopIfVersion, type WorkshopRow } from './queries';
import { seatsToPromote } from './rules';
import { notify } from '../notifications';
import { mailFacts, seatHolderIds } from './workshop-mail';
import type { WorkshopInput } from './validation';

export type UpdateWorkshopOutcome = Result<WorkshopRow> & { current?: WorkshopRow & { themeIds: number[] } };

async function withThemes(db: Knex.Transaction, w: WorkshopRow) {
  return { ...w, themeIds: ((await themesOfWorkshops(db, [w.id])).get(w.id) ?? []).map((th) => Number(th.id)) };
}

/**
 * Those who run a planned workshop change it. A stale version is refused with the saved values
 * (nothing overwritten); the capacity never drops below the seats already taken, and a raised
 * capacity gives seats to the waiting list at once. The consultation of a workshop never changes.
 */
export async function updateWorkshop(db: Knex, actor: Actor, id: number, input: WorkshopInput & { version: number }, requestId?: string): Promise<UpdateWorkshopOutcome> {
  return db.transaction(async (trx) => {
    await lockWorkshop(trx, id);
    const before = await findWorkshop(trx, id);
    if (!before) throw new NotFoundError();
    if (before.version !== input.version) return { ...invalid({ _form: t('workshops.stale') }, 409), current: await withThemes(trx, before) };
    if (before.status !== 'planifie') return invalid({ _form: t('workshops.notPlanned') }, 409);
    const checked = await checkWorkshopInput(trx, { ...input, consultationId: before.consultation_id });
    if (!checked.ok) return invalid(checked.errors);
    if (input.capacity < before.registered) return invalid({ capacity: t('workshops.capacityBelowRegistered', { count: before.registered }) });
    const changes = workshopColumns(input, checked.value);
    if (!(await updateWorkshopIfVersion(trx, id, input.version, changes))) {
      return { ...invalid({ _form: t('workshops.stale') }, 409), current: await withThemes(trx, (await findWorkshop(trx, id))!) };
    }
    const beforeThemes = (await withThemes(trx, before)).themeIds;
    await setWorkshopThemes(trx, id, checked.value.themeIds);
    // Those who hold a seat hear of a new time or place (not of a new title or capacity).
    const after = (await findWorkshop(trx, id))!;
    const moved = after.starts_at.getTime() !== before.starts_at.getTime() || after.ends_at.getTime() !== before.ends_at.getTime() || after.place !== before.place || after.mode !== before.mode || after.structure_id !== before.structure_id;
    if (moved) await notify.workshopChanged(trx, await seatHolderIds(trx, id), mailFacts(after), false);
    const promoted = await promoteFromWaitingList(trx, id, seatsToPromote(input.capacity, before.registered, before.waiting));
    if (promoted.length) await notify.promotedFromWaitingList(trx, promoted, mailFacts(after));
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'workshop.update',
      objectType: 'workshop',
      objectId: id,
      consultationId: before.consultation_id,
      before: {
        title: before.title,
        starts_at: before.starts_at.toISOString(),
        ends_at: before.ends_at.toISOString(),
        mode: before.mode,
        place: before.place,
        structure_id: before.structure_id,
        facilitator_id: before.facilitator_id,
        capacity: before.capacity,
        themeIds: beforeThemes,
      },
      after: { ...changes, themeIds: checked.value.themeIds, promotedUserIds: promoted },
      requestId,
    });
    return ok((await findWorkshop(trx, id))!);
  });
}
