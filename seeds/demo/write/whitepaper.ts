import type { Knex } from 'knex';
import { insertContentRows, insertThemeIntros } from '../../../src/modules/whitepaper';
import { THEMES } from '../content/general';
import { ACKNOWLEDGEMENTS_MD, CONCLUSION_MD, FOREWORD_MD, METHOD_MD, THEME_INTROS, WHITEPAPER_SUBTITLE, WHITEPAPER_TITLE } from '../content/whitepaper';
import type { DemoPlan } from '../plan';
import type { Logged } from './logged';

/**
 * The whitepaper module's rows: the editorial content the DSI wrote, the eve of the seminar. The
 * edition itself is published by seedDemo through the real use case.
 */
export async function writeWhitepaper(db: Knex.Transaction, plan: DemoPlan, logged: Logged): Promise<void> {
  const { id: consultationId, themeIds } = plan.consultation;
  const content = {
    consultation_id: consultationId,
    title: WHITEPAPER_TITLE,
    subtitle: WHITEPAPER_SUBTITLE,
    foreword_md: FOREWORD_MD,
    method_md: METHOD_MD,
    conclusion_md: CONCLUSION_MD,
    acknowledgements_md: ACKNOWLEDGEMENTS_MD,
    version: 1,
    updated_by: plan.dsiUserId,
    updated_at: '2024-03-12T17:30:00.000Z',
  };
  await logged('whitepaper_content', [content], (r) => insertContentRows(db, r));
  const intros = THEMES.flatMap((theme, i) => {
    const intro = THEME_INTROS[theme.code];
    return intro ? [{ theme_id: themeIds[i]!, consultation_id: consultationId, intro_md: intro }] : [];
  });
  await logged('whitepaper_theme_intros', intros, (r) => insertThemeIntros(db, r));
}
