import { z } from 'zod';

/** An irreversible action asks for an explicit tick (a checkbox named `confirmation` with value `oui`). */
export const confirmationSchema = (message: string) =>
  z.object({ confirmation: z.literal('oui', { error: message }) });
