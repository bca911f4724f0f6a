import './messages';
import './panel';

export { whitepaperPolicy } from './policy';
export { assembleDocument } from './assemble';
export { startPublication, authorOf } from './publish-edition';
export { prepareDraftPdf } from './prepare-draft-pdf';
export { renderPdfInWorker, renderPdfBufferInWorker } from './render-in-worker';
export { latestEdition, findEdition, editionPdf } from './queries';
export type { WhitePaperDocument } from './document';
export { insertContentRows, insertThemeIntros } from './queries';
